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
  const setAgain = report.outputs.filter((o) => o.setAgain);
  if (setAgain.length > 0) {
    ctx.io.warn(`${setAgain.length} output(s) of outputs.json need their secrets set again:`);
    for (const o of setAgain) ctx.io.warn(`  ${o.output}: ${o.reason}`);
  }
  for (const o of report.outputs.filter((x) => !x.setAgain)) ctx.io.info(`output ${o.output} ${o.reason}`);
  ctx.io.info(`ok: ${displayPath(options.to)} validates`);
  ctx.io.result({ ok: true, ...report });
}
