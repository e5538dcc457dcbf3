/** The work of `streamalert config import`. */
import { displayPath } from '../../runtime/config';
import type { CommandContext } from '../context';
import { importStreamAlertConfig, type ImportOptions } from './import';

/** Options as commander parses them: the importer's own options. */
export type ImportCommandOptions = ImportOptions;

export function importConfig(ctx: CommandContext, options: ImportCommandOptions): void {
  const report = importStreamAlertConfig(options);
  for (const warning of report.warnings) ctx.io.warn(warning);
  ctx.io.info(
    `imported StreamAlert ${report.layout} configuration: ${report.clusters.length} cluster(s) (${report.clusters.join(', ')}), ` +
      `${report.schemaFiles.length} schema file(s) -> ${displayPath(options.to)}`,
  );
  ctx.io.info(`ok: ${displayPath(options.to)} validates`);
  ctx.io.result({ ok: true, ...report });
}
