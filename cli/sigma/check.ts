/** `streamalert rule sigma check <paths...>`: whether every Sigma rule file loads, and if not, why. */
import { resolve } from 'node:path';
import { loadConfig } from '../../runtime/config';
import { ExitCode, StreamAlertError } from '../../runtime/errors';
import type { CommandContext } from '../context';
import { loadSigmaFiles, sigmaFiles, type SigmaLoadResult } from './load';

/** Options of {@link runSigmaCheck}. */
export interface SigmaCheckOptions {
  /** Files or folders holding Sigma rules. */
  readonly paths: readonly string[];
  /** Base for the file names shown. @default process.cwd() */
  readonly project?: string;
}

/** The JSON line of one rule document. */
function jsonLine(r: SigmaLoadResult): string {
  return JSON.stringify({
    file: r.file,
    id: r.id,
    title: r.title,
    name: r.rule?.name ?? r.correlation?.name ?? null,
    kind: r.correlation ? 'correlation' : 'detection',
    status: r.status,
    reason: r.reason,
    log_types: r.rule?.log_types ?? r.correlation?.log_types ?? [],
    attack: r.rule?.attack ?? r.correlation?.attack ?? [],
    warnings: r.warnings,
  });
}

/**
 * Loads every Sigma file under `paths` against the configuration and reports each rule: loaded (with its log
 * types) or refused (with the reason). Exit 0 when all loaded, 1 when any was refused.
 */
export async function runSigmaCheck(ctx: CommandContext, options: SigmaCheckOptions): Promise<number> {
  const project = options.project ?? process.cwd();
  const files = sigmaFiles(options.paths.map((p) => resolve(p)));
  if (files.length === 0) {
    throw new StreamAlertError('NoSigmaRules', `no Sigma rule files (.yml, .yaml) under ${options.paths.join(', ')}`, {
      exitCode: ExitCode.Usage,
      hint: 'pass the files or folders that hold your Sigma rules',
    });
  }
  const config = loadConfig(ctx.globals.config);
  const results = loadSigmaFiles(files, config, project);
  const { io } = ctx;
  for (const r of results) {
    if (io.json) {
      io.data(jsonLine(r));
      continue;
    }
    const label = r.rule?.name ?? r.correlation?.name ?? (r.title || `document ${r.document}`);
    if (r.correlation) {
      const c = r.correlation.correlation;
      io.info(`${io.style.green('loaded ')} ${r.file}: ${label}: ${c.type} of ${c.rules.join(', ')} within ${c.timespan_ms / 1000}s`);
      for (const w of r.warnings) io.info(`          warning: ${w}`);
    } else if (r.status === 'loaded') {
      io.info(`${io.style.green('loaded ')} ${r.file}: ${label} -> ${r.rule?.log_types.join(', ')}`);
      for (const w of r.warnings) io.info(`          warning: ${w}`);
    } else {
      io.info(`${io.style.red('refused')} ${r.file}: ${label}: ${r.reason}`);
    }
  }
  const refused = results.filter((r) => r.status === 'refused').length;
  io.note(`${results.length - refused} loaded, ${refused} refused, in ${files.length} file(s)`);
  return refused > 0 ? ExitCode.Runtime : ExitCode.Ok;
}
