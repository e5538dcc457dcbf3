/** The work of `streamalert config validate`. */
import { loadConfig, type Config } from '../../runtime/config';
import type { CommandContext } from '../context';

export interface ValidateConfigOptions {
  readonly dir: string;
}

/** Loads the configuration (throwing ConfigError with every problem) and reports a short summary. */
export function validateConfig(ctx: CommandContext, options: ValidateConfigOptions): void {
  const config: Config = loadConfig(options.dir);
  const clusters = Object.keys(config.clusters);
  const logTypes = Object.keys(config.logs);
  ctx.io.info(
    `ok: ${clusters.length} cluster(s) (${clusters.join(', ')}), ${logTypes.length} log type(s), ` +
      `${Object.keys(config.outputs).length} output service(s)`,
  );
  ctx.io.result({ ok: true, clusters, log_types: logTypes, outputs: Object.keys(config.outputs) });
}
