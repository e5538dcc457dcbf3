/**
 * `streamalert config import`: converts an Airbnb StreamAlert conf directory (v3, 1.4 or 1.3 layout)
 * into this project's conf/. Schemas are carried over byte for byte; the result is validated.
 */
import { checkTerraformConfig } from '../../terraform/check-config';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { displayPath, expandLogTypes, loadConfig } from '../../../runtime/config';
import { readJsonFile } from '../../../runtime/config/read-json';
import { ConfigError, UsageError, type ConfigProblem } from '../../../runtime/errors';
import { jsonSchemasDir } from '../../paths';
import { detectLayout } from './detect';
import type { ExtraFiles } from './intel';
import { findSchemaFiles, readLayout, sourceProblem } from './layouts';
import { applyAccount } from './account';
import { importedOutputSecrets } from './outputs';
import type { ImportOptions, ImportReport, Json, VariablesDraft } from './types';

export type { ImportOptions, ImportReport, ImportedOutput } from './types';

/** Imports, writes and validates; throws ConfigError (exit 3) listing every problem. */
export function importStreamAlertConfig(options: ImportOptions): ImportReport {
  const warnings: string[] = [];
  const warn = (line: string): void => void warnings.push(line);
  const { dir, layout } = detectLayout(options.from);
  const result = readLayout(dir, layout, warn);
  const schemaFiles = options.schemas ? findSchemaFiles(options.schemas) : result.schemaFiles;
  if (schemaFiles.length === 0) {
    throw new ConfigError([
      sourceProblem(
        options.schemas ?? dir,
        'no log schemas found',
        layout === '1.3'
          ? 'StreamAlert 1.3 kept schemas in conf/logs.json: pass --schemas <logs.json or schemas dir>'
          : 'expected schemas/*.json or logs.json; pass --schemas <path>',
      ),
    ]);
  }

  const problems: ConfigProblem[] = [];
  const draft = result.draft;
  const sourcePrefix = draft.account.prefix;
  applyAccount(draft, options, dir, problems, warn);
  checkClusterNames(draft, dir, problems);
  checkLogTypes(draft, schemaFiles, options, dir, problems, warn);
  if (problems.length > 0) throw new ConfigError(problems);

  dropUnclassifiableS3Events(draft, warn);
  prepareTarget(options);
  const extra = result.extraFiles ?? {};
  validateDraft(draft, schemaFiles, result.outputsFile, options.to, extra);
  const written = writeConfig(draft, schemaFiles, result.outputsFile, options.to, options.to, extra);
  const outputs = importedOutputSecrets(result.outputsFile, layout, sourcePrefix, draft.account.prefix);
  return { layout, clusters: Object.keys(draft.clusters), schemaFiles, written, warnings, outputs };
}

function checkClusterNames(draft: VariablesDraft, dir: string, problems: ConfigProblem[]): void {
  for (const name of Object.keys(draft.clusters)) {
    if (!/^[a-z][a-z0-9_]{0,23}$/.test(name)) {
      problems.push({
        ...sourceProblem(join(dir, 'clusters'), `cluster name "${name}" is not valid here`),
        hint: 'cluster names are lower-case letters, digits and underscores, at most 24 characters: rename the cluster file and its "id"',
      });
    }
  }
}

function declaredLogTypes(files: readonly string[], problems: ConfigProblem[]): string[] {
  const names: string[] = [];
  for (const file of files) {
    const parsed = readJsonFile(file, displayPath(file));
    if (!parsed.ok) problems.push(parsed.problem);
    else names.push(...Object.keys(parsed.value as Json).filter((k) => k !== '$schema'));
  }
  return names;
}

function checkLogTypes(
  draft: VariablesDraft,
  schemaFiles: readonly string[],
  options: ImportOptions,
  dir: string,
  problems: ConfigProblem[],
  warn: (l: string) => void,
): void {
  const declared = declaredLogTypes(schemaFiles, problems);
  for (const [clusterName, cluster] of Object.entries(draft.clusters)) {
    for (const [service, resources] of Object.entries(cluster.data_sources)) {
      for (const [resource, entries] of Object.entries(resources)) {
        const { unknown } = expandLogTypes(entries, declared);
        if (unknown.length === 0) continue;
        if (options.dropUnknownLogTypes) {
          warn(`clusters/${clusterName}: ${service}/${resource}: dropped undeclared log types ${unknown.join(', ')}`);
          resources[resource] = entries.filter((e) => !unknown.includes(e));
          if (resources[resource].length === 0) delete resources[resource];
        } else {
          problems.push({
            ...sourceProblem(dir, `cluster "${clusterName}" data source ${service}/${resource} names log types no schema declares: ${unknown.join(', ')}`),
            hint: 'add their schemas (--schemas <path>), or pass --drop-unknown-log-types to leave them out',
          });
        }
      }
      if (Object.keys(resources).length === 0) delete cluster.data_sources[service];
    }
  }
}

/**
 * Validates the converted configuration in a scratch directory first, so that a failed import leaves
 * `to` untouched; problems name the files as they would be in `to`.
 */
function validateDraft(draft: VariablesDraft, schemaFiles: readonly string[], outputsFile: string | undefined, to: string, extra: ExtraFiles): void {
  const scratch = mkdtempSync(join(tmpdir(), 'streamalert-import-'));
  try {
    writeConfig(draft, schemaFiles, outputsFile, scratch, to, extra);
    // Exactly the checks of `config validate` (and `terraform generate`): what import writes, validate accepts.
    const { problems } = checkTerraformConfig(loadConfig(scratch));
    if (problems.length > 0) throw new ConfigError(problems);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    const shown = displayPath(scratch);
    throw new ConfigError(
      err.problems.map((p) => ({ ...p, file: p.file.startsWith(shown) ? join(displayPath(to), p.file.slice(shown.length)) : p.file })),
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * StreamAlert let `s3_events` name a bucket that `data_sources` does not list (its objects then classified as
 * nothing). Here that is an error, since the objects could never be classified: such a bucket's notification is
 * left out, with a warning saying how to add it back with its log types.
 */
function dropUnclassifiableS3Events(draft: VariablesDraft, warn: (line: string) => void): void {
  for (const [name, cluster] of Object.entries(draft.clusters)) {
    const modules = cluster.modules as Record<string, unknown> | undefined;
    const events = modules?.s3_events as Record<string, unknown> | undefined;
    if (!modules || !events) continue;
    const sources = ((cluster.data_sources as Record<string, Record<string, unknown>> | undefined)?.s3 ?? {}) as Record<string, unknown>;
    for (const bucket of Object.keys(events)) {
      if (bucket in sources) continue;
      delete events[bucket];
      warn(
        `clusters/${name}: s3_events bucket "${bucket}" is not an s3 data source of the cluster, so its objects could not be classified: ` +
          `its notification was not imported (add "${bucket}": [<log types>] to data_sources.s3 and the bucket to modules.s3_events again)`,
      );
    }
    if (Object.keys(events).length === 0) delete modules.s3_events;
  }
}

function prepareTarget(options: ImportOptions): void {
  if (existsSync(options.to) && readdirSync(options.to).length > 0 && !options.force) {
    throw new UsageError(`${displayPath(options.to)} is not empty`, 'choose an empty directory, or pass --force to overwrite');
  }
  mkdirSync(options.to, { recursive: true });
}

function writeConfig(
  draft: VariablesDraft,
  schemaFiles: readonly string[],
  outputsFile: string | undefined,
  to: string,
  finalDir = to,
  extra: ExtraFiles = {},
): string[] {
  const written: string[] = [];
  const schemaRef = (name: string, from: string): string => relative(from, join(jsonSchemasDir(), name)).split('\\').join('/');
  const variables = { $schema: schemaRef('variables.schema.json', finalDir), ...draft };
  writeFileSync(join(to, 'variables.json'), `${JSON.stringify(variables, null, 2)}\n`);
  written.push(join(to, 'variables.json'));
  const single = schemaFiles.length === 1 && basename(schemaFiles[0]) === 'logs.json';
  if (single) {
    copyFileSync(schemaFiles[0], join(to, 'logs.json'));
    written.push(join(to, 'logs.json'));
  } else {
    mkdirSync(join(to, 'schemas'), { recursive: true });
    for (const file of schemaFiles) {
      copyFileSync(file, join(to, 'schemas', basename(file)));
      written.push(join(to, 'schemas', basename(file)));
    }
  }
  if (outputsFile) {
    copyFileSync(outputsFile, join(to, 'outputs.json'));
    written.push(join(to, 'outputs.json'));
  }
  for (const [name, content] of Object.entries(extra)) {
    const withSchema = { $schema: schemaRef(name.replace(/_/g, '-').replace(/\.json$/, '.schema.json'), finalDir), ...content };
    writeFileSync(join(to, name), `${JSON.stringify(withSchema, null, 2)}\n`);
    written.push(join(to, name));
  }
  return written;
}
