/** Helpers of the Terraform generation tests: configurations to synthesize, and ways to read the JSON. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../../../runtime/config';
import { synthesizeTerraform, type SynthesizedTerraform, type TerraformJson } from '../../../../cli/terraform/synthesize';
import { DEFAULT_CONF_DIR } from '../../../_helpers/paths';
import { copyToTempDir } from '../../../_helpers/temp-dir';

/* eslint-disable @typescript-eslint/no-explicit-any -- raw JSON on both sides */
export type Json = any;

/** A copy of the bundled conf/ with `edit` applied to its variables.json; returns the directory. */
export function confWith(edit: (variables: Json) => void = () => undefined, files: Readonly<Record<string, Json>> = {}): string {
  const dir = copyToTempDir(DEFAULT_CONF_DIR);
  const path = join(dir, 'variables.json');
  const variables = JSON.parse(readFileSync(path, 'utf8'));
  edit(variables);
  writeFileSync(path, JSON.stringify(variables, null, 2));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), JSON.stringify(content, null, 2));
  return dir;
}

/** The bundled configuration, edited, with extra files (lookup_tables.json, threat_intel.json...), loaded. */
export function configWith(edit?: (variables: Json) => void, files?: Readonly<Record<string, Json>>): Config {
  return loadConfig(confWith(edit, files));
}

/** Synthesizes the bundled configuration, edited. */
export function synthWith(edit?: (variables: Json) => void, files?: Readonly<Record<string, Json>>): SynthesizedTerraform {
  return synthesizeTerraform(configWith(edit, files));
}

/** lookup_tables.json and threat_intel.json with everything on (an S3 and a DynamoDB table, ThreatStream and a feed). */
export const INTEL_FILES: Readonly<Record<string, Json>> = {
  'lookup_tables.json': {
    enabled: true,
    tables: {
      browsers: { driver: 'dynamodb', table: 'acme_lookup_browsers', partition_key: 'pk', value_key: 'value' },
      allow: { driver: 's3', bucket: 'acme-lookup-tables', key: 'allow.json.gz', compression: 'gzip' },
    },
  },
  'threat_intel.json': {
    enabled: true,
    clusters: ['prod'],
    normalized_ioc_types: { ip: ['source_address'] },
    downloader: { enabled: true, threatstream: { ioc_types: ['ip'] }, feeds: [{ name: 'plain', url: 'https://feeds.example/ioc.csv', format: 'csv' }] },
  },
};

/** One declared resource or data source, with its file. */
export interface Declared {
  readonly file: string;
  readonly block: 'resource' | 'data';
  readonly type: string;
  readonly name: string;
  readonly body: Json;
}

/** Every resource and data source of every file. */
export function declared(files: Readonly<Record<string, TerraformJson>>): Declared[] {
  const out: Declared[] = [];
  for (const [file, json] of Object.entries(files)) {
    for (const block of ['resource', 'data'] as const) {
      for (const [type, byName] of Object.entries((json as Json)[block] ?? {})) {
        for (const [name, body] of Object.entries(byName as Json)) out.push({ file, block, type, name, body });
      }
    }
  }
  return out;
}

/** Resources of one type: name -> body. */
export function resourcesOf(files: Readonly<Record<string, TerraformJson>>, type: string): Record<string, Json> {
  return Object.fromEntries(declared(files).filter((d) => d.block === 'resource' && d.type === type).map((d) => [d.name, d.body]));
}

/** Every string in a JSON value, with its path. */
export function strings(value: Json, path = ''): { path: string; value: string }[] {
  if (typeof value === 'string') return [{ path, value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}/${i}`));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, `${path}/${k}`));
  return [];
}

/**
 * Terraform references in a string: the `${...}` interpolations, minus the `$${` escapes, reduced to
 * the address they name (`aws_x.y`, `data.aws_x.y`, `var.x`, `local.x`, `module.x`, `path.module`).
 */
export function references(text: string): string[] {
  const refs: string[] = [];
  const pattern = /(\$?)\$\{([^}]*)\}/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (match[1] === '$') continue;
    const expression = match[2].trim();
    const parts = expression.split('.');
    if (parts[0] === 'data') refs.push(parts.slice(0, 3).join('.'));
    else if (['var', 'local', 'module', 'path'].includes(parts[0])) refs.push(parts.slice(0, 2).join('.'));
    else refs.push(parts.slice(0, 2).join('.'));
  }
  return refs;
}

/** References that name nothing declared in any of the files (an empty list when all resolve). */
export function unresolvedReferences(files: Readonly<Record<string, TerraformJson>>): string[] {
  const known = new Set<string>(['path.module', 'path.root', 'path.cwd', 'terraform.workspace']);
  for (const d of declared(files)) known.add(d.block === 'data' ? `data.${d.type}.${d.name}` : `${d.type}.${d.name}`);
  for (const json of Object.values(files)) {
    for (const name of Object.keys((json as Json).variable ?? {})) known.add(`var.${name}`);
    for (const name of Object.keys((json as Json).module ?? {})) known.add(`module.${name}`);
    for (const locals of [(json as Json).locals ?? {}].flat()) for (const name of Object.keys(locals)) known.add(`local.${name}`);
  }
  const missing = new Set<string>();
  for (const [file, json] of Object.entries(files)) {
    for (const { path, value } of strings(json)) {
      for (const ref of references(value)) if (!known.has(ref)) missing.add(`${file}${path}: ${ref}`);
    }
    // depends_on lists bare addresses
    for (const d of declared({ [file]: json })) {
      for (const dep of d.body.depends_on ?? []) if (!known.has(dep)) missing.add(`${file}: ${d.type}.${d.name} depends_on ${dep}`);
    }
  }
  return [...missing].sort();
}

/** Every IAM policy document (policy, assume_role_policy, access_policy) of the files, parsed. */
export function policies(files: Readonly<Record<string, TerraformJson>>): { where: string; document: Json }[] {
  const out: { where: string; document: Json }[] = [];
  for (const d of declared(files)) {
    for (const key of ['policy', 'assume_role_policy', 'access_policy']) {
      if (typeof d.body[key] === 'string') out.push({ where: `${d.type}.${d.name}.${key}`, document: JSON.parse(d.body[key]) });
    }
  }
  return out;
}

/** Statements of the policies, flattened, with where they come from. */
export function statements(files: Readonly<Record<string, TerraformJson>>): { where: string; type: string; statement: Json }[] {
  return policies(files).flatMap(({ where, document }) =>
    [document.Statement].flat().map((statement: Json) => ({ where, type: where.split('.')[0], statement })),
  );
}

/** Always a list. */
export function list<T>(value: T | readonly T[] | undefined): T[] {
  return value === undefined ? [] : ([] as T[]).concat(value as T[]);
}

/** All resources of all files, by type then name (names are unique per type across files). */
export function resourcesByType(files: Readonly<Record<string, TerraformJson>>): Record<string, Record<string, Json>> {
  const out: Record<string, Record<string, Json>> = {};
  for (const d of declared(files)) if (d.block === 'resource') (out[d.type] ??= {})[d.name] = d.body;
  return out;
}

/** Resource bodies of the edited bundled configuration, by type then name. */
export function resourcesWith(edit?: (variables: Json) => void): Record<string, Record<string, Json>> {
  return resourcesByType(synthWith(edit).files);
}
