/**
 * What `streamalert process --rules` says about the rules it ran: how many were loaded, and a warning when the
 * backtest could not alert at all (no rules, or no loaded rule reads any log type the records classified as).
 */
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { logFamily } from '../../runtime/config';
import { UsageError } from '../../runtime/errors';

/** The part of a bundled rule the report reads. */
interface BundledRule {
  readonly name: string;
  readonly disabled: boolean;
  readonly options: { readonly logs?: readonly string[]; readonly datatypes?: readonly string[] };
}

/** The rules of a `process --rules` bundle, as the summary shows them. */
export interface RulesLoaded {
  /** Enabled rules: the ones that run. */
  readonly loaded: number;
  readonly disabled: number;
  /** Log types (or families) the enabled rules name in `logs`. */
  readonly logs: readonly string[];
  /** Normalized types the enabled rules name in `datatypes`. */
  readonly datatypes: readonly string[];
  /** Each enabled rule's `logs`. */
  readonly byRule: Readonly<Record<string, readonly string[]>>;
}

/** Reads the rules of a bundle written by `writeRulesBundle`. */
export function rulesOfBundle(file: string): RulesLoaded {
  const exports = createRequire(file)(file) as { loadRules(): BundledRule[] };
  const all = exports.loadRules();
  const enabled = all.filter((r) => !r.disabled);
  return {
    loaded: enabled.length,
    disabled: all.length - enabled.length,
    logs: [...new Set(enabled.flatMap((r) => r.options.logs ?? []))].sort(),
    datatypes: [...new Set(enabled.flatMap((r) => r.options.datatypes ?? []))].sort(),
    byRule: Object.fromEntries(enabled.map((r) => [r.name, r.options.logs ?? []])),
  };
}

/**
 * Log types whose records have the shape of another log type that rules read, with the way to get there.
 * CloudTrail written as JSON lines (`jq -c '.Records[]'`) classifies as `cloudtrail:cloudwatch_logs` (the flat
 * events CloudWatch Logs carries), while the CloudTrail rules read `cloudtrail:events` (`Records[*]` of the files
 * CloudTrail writes to S3).
 */
const SAME_SHAPE: Readonly<Record<string, { readonly as: string; readonly fix: string }>> = {
  'cloudtrail:cloudwatch_logs': {
    as: 'cloudtrail:events',
    fix:
      "flat CloudTrail events (as jq -c '.Records[]' writes them) classify as cloudtrail:cloudwatch_logs; backtest the files " +
      "CloudTrail wrote ({\"Records\": [...]}), or wrap each line first: jq -c '{Records: [.]}' FILE | streamalert process --rules -",
  },
};

/** Whether `logs` (a rule's, or all rules') name `logType` or its family. */
function reads(logs: readonly string[], logType: string): boolean {
  return logs.includes(logType) || logs.includes(logFamily(logType));
}

/** Whether a rule of `rules` reads `logType` by name or family (rules on `datatypes` are not counted here). */
function isRead(rules: RulesLoaded, logType: string): boolean {
  return reads(rules.logs, logType);
}

/**
 * The warnings of a backtest: no rules loaded; classified records of which no loaded rule reads any log type;
 * and records of a log type with the shape of one the rules read (flat CloudTrail events), naming the fix.
 */
export function rulesWarnings(rules: RulesLoaded, classified: Readonly<Record<string, number>>): string[] {
  if (rules.loaded === 0) {
    return [`no rules loaded (${rules.disabled} disabled): the backtest cannot alert; point --rules at a folder of enabled rules`];
  }
  const warnings: string[] = [];
  const types = Object.entries(classified).filter(([, n]) => n > 0);
  const unread = types.filter(([type]) => !isRead(rules, type));
  if (types.length > 0 && unread.length === types.length && rules.datatypes.length === 0) {
    const list = unread.map(([type, n]) => `${type} (${n})`).join(', ');
    warnings.push(`no loaded rule reads the log types of these records: ${list}; the ${rules.loaded} rule(s) read ${rules.logs.join(', ') || 'no log type'}`);
  }
  for (const [type, n] of types) {
    const same = SAME_SHAPE[type];
    if (same === undefined) continue;
    // Rules written for the other shape never see these records, even when some rules (Sigma) read both.
    const blind = Object.entries(rules.byRule).filter(([, logs]) => reads(logs, same.as) && !reads(logs, type)).map(([name]) => name).sort();
    if (blind.length === 0) continue;
    const shown = blind.length > 5 ? `${blind.slice(0, 5).join(', ')} and ${blind.length - 5} more` : blind.join(', ');
    warnings.push(`${n} record(s) classified as ${type}, which ${blind.length} rule(s) reading only ${same.as} never see (${shown}): ${same.fix}`);
  }
  return warnings;
}

/** Whether a folder holds a rule file (`*.ts` but not `.d.ts`, or a Sigma `*.yml`/`*.yaml`), at any depth. */
function holdsRules(dir: string): boolean {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).some((f) => (f.endsWith('.ts') && !f.endsWith('.d.ts')) || /\.ya?ml$/.test(f));
}

/**
 * Splits `--rules [dir]` from the inputs. commander gives the optional folder the word after `--rules`, so in
 * `process --rules ct.jsonl` the log file arrives as the folder: a value that is not a folder (a file, `-`,
 * an `s3://` location, a missing path) is an input and the rules come from `rules/`. A folder without rule
 * files is a usage error rather than a backtest that loads no rules.
 */
export function splitRulesOption(rules: string | boolean | undefined, args: readonly string[]): { readonly rulesDir?: string; readonly files: readonly string[] } {
  if (rules === undefined || rules === false) return { files: args };
  if (rules === true) return { rulesDir: 'rules', files: args };
  let isDir = false;
  try {
    isDir = !rules.startsWith('s3://') && statSync(rules).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) return { rulesDir: 'rules', files: [rules, ...args] };
  if (!holdsRules(rules)) {
    throw new UsageError(
      `--rules ${rules}: this folder holds no rule files (*.ts, Sigma *.yml), so no rule would run`,
      `--rules takes an optional folder of rules: name it (streamalert process --rules rules ${rules}/*) or put the inputs first (streamalert process ${rules}/* --rules)`,
    );
  }
  return { rulesDir: rules, files: args };
}
