/** Writes the synthesized files into terraform/, removes files of clusters that are gone, writes the bootstrap package. */
import { existsSync, mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../../runtime/errors';
import type { Config } from '../../runtime/config';
import { BOOTSTRAP_PACKAGE_FILE, bootstrapPackage } from './bootstrap-package';
import { checkTerraformConfig } from './check-config';
import { GENERATED_BANNER, renderFile, synthesizeTerraform, type DeclaredAddress, type RuleFacts } from './synthesize';

/** What `generateTerraform` did. */
export interface GenerateResult {
  readonly dir: string;
  /** Files written or already up to date, in name order. */
  readonly files: readonly string[];
  /** Files whose bytes changed (or are new). */
  readonly changed: readonly string[];
  /** Generated files of clusters no longer configured, deleted. */
  readonly removed: readonly string[];
  readonly addresses: readonly DeclaredAddress[];
  readonly warnings: readonly string[];
}

/** Is this file one we wrote (it carries our banner)? Files without it are never deleted. */
function isGenerated(path: string): boolean {
  try {
    return readFileSync(path, 'utf8').includes(JSON.stringify(GENERATED_BANNER));
  } catch {
    return false;
  }
}

function writeIfChanged(path: string, bytes: Buffer): boolean {
  if (existsSync(path) && readFileSync(path).equals(bytes)) return false;
  writeFileSync(path, bytes);
  return true;
}

/**
 * Checks `config`, synthesizes it and writes `dir`.
 * @throws ConfigError (exit 3) when the configuration cannot be turned into infrastructure.
 */
export async function generateTerraform(config: Config, dir: string, rules: RuleFacts = {}): Promise<GenerateResult> {
  const { problems, warnings } = checkTerraformConfig(config);
  if (problems.length > 0) throw new ConfigError(problems);
  const { files, addresses } = synthesizeTerraform(config, rules);
  const bootstrap = await bootstrapPackage();
  mkdirSync(dir, { recursive: true });
  const changed: string[] = [];
  for (const [name, json] of Object.entries(files)) {
    if (writeIfChanged(join(dir, name), Buffer.from(renderFile(json), 'utf8'))) changed.push(name);
  }
  if (writeIfChanged(join(dir, BOOTSTRAP_PACKAGE_FILE), bootstrap)) changed.push(BOOTSTRAP_PACKAGE_FILE);
  const removed = readdirSync(dir)
    .filter((name) => name.endsWith('.tf.json') && !(name in files) && isGenerated(join(dir, name)))
    .sort();
  for (const name of removed) unlinkSync(join(dir, name));
  return { dir, files: [...Object.keys(files), BOOTSTRAP_PACKAGE_FILE].sort(), changed, removed, addresses, warnings };
}
