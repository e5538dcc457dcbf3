/** The work of `streamalert config import`. */
import { displayPath } from '../../runtime/config';
import type { CommandContext } from '../context';
import { importStreamAlertConfig } from './import';

/** Options as commander parses them. */
export interface ImportCommandOptions {
  readonly from: string;
  readonly to: string;
  readonly accountId?: string;
  readonly prefix?: string;
  readonly schemas?: string;
  readonly dropUnknownLogTypes?: boolean;
  readonly force?: boolean;
}

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
