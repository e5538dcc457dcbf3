/** The work of `streamalert config validate`. */
import { dirname, resolve } from 'node:path';
import { loadConfig, type Config } from '../../runtime/config';
import { ConfigError } from '../../runtime/errors';
import type { CommandContext } from '../context';
import { checkTerraformConfig } from '../terraform/check-config';
import { checkOutputs } from './rule-outputs';

export interface ValidateConfigOptions {
  readonly dir: string;
  /**
   * Rule files whose outputs are checked against outputs.json; skipped when the folder does not exist.
   * @default the `rules` folder beside the conf directory (the project's layout)
   */
  readonly rulesDir?: string;
}

/**
 * Loads the configuration, then runs every cross-check that `terraform generate` runs (modules that need
 * another module, inputs that are not data sources, regions, names) and checks outputs.json descriptors
 * and the outputs every rule names; throws ConfigError (exit 3) with every problem, else reports a short
 * summary. A configuration that validates is one `terraform generate` accepts.
 */
export async function validateConfig(ctx: CommandContext, options: ValidateConfigOptions): Promise<void> {
  const config: Config = loadConfig(options.dir);
  const terraform = checkTerraformConfig(config);
  const outputs = await checkOutputs(config, options.dir, resolve(options.rulesDir ?? `${dirname(resolve(options.dir))}/rules`));
  for (const warning of terraform.warnings) ctx.io.warn(warning);
  const problems = [...terraform.problems, ...outputs.problems];
  if (problems.length > 0) throw new ConfigError(problems);
  const clusters = Object.keys(config.clusters);
  const logTypes = Object.keys(config.logs);
  ctx.io.info(
    `ok: ${clusters.length} cluster(s) (${clusters.join(', ')}), ${logTypes.length} log type(s), ` +
      `${Object.keys(config.outputs).length} output service(s), outputs of ${outputs.rules} rule(s) checked`,
  );
  ctx.io.result({ ok: true, clusters, log_types: logTypes, outputs: Object.keys(config.outputs), rules_checked: outputs.rules });
}
