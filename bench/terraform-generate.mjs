// Benchmark (not a test): time to generate the Terraform of a 10-cluster configuration.
// Builds cli/terraform with esbuild into .build/, writes a 10-cluster conf/ (the bundled clusters,
// cloned), then times (1) loadConfig + generateTerraform in-process, cold and warm, and (2) the
// whole `streamalert terraform generate` process. Usage: npm run build && node bench/terraform-generate.mjs [runs]
import { build } from 'esbuild';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.argv[2] ?? 5);
const work = mkdtempSync(join(tmpdir(), 'streamalert-bench-terraform-'));
const entry = join(work, 'entry.ts');
writeFileSync(
  entry,
  `export { loadConfig } from ${JSON.stringify(join(root, 'runtime/config'))};\n` +
    `export { generateTerraform } from ${JSON.stringify(join(root, 'cli/terraform/generate'))};\n`,
);
const bundle = join(root, '.build', 'bench-terraform.cjs');
await build({
  entryPoints: [entry],
  outfile: bundle,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  external: ['cdktf', 'constructs', '@cdktf/*', 'ajv'],
  nodePaths: [join(root, 'node_modules')],
  logLevel: 'warning',
});

// A 10-cluster configuration: the bundled prod and corp clusters, cloned under new names.
const conf = join(work, 'conf');
cpSync(join(root, 'conf'), conf, { recursive: true });
const variables = JSON.parse(readFileSync(join(conf, 'variables.json'), 'utf8'));
variables.$schema = undefined;
const templates = Object.values(variables.clusters);
variables.clusters = {};
for (let i = 0; i < 10; i++) {
  const name = `c${i}`;
  const cluster = JSON.parse(JSON.stringify(templates[i % templates.length]));
  cluster.data_sources.kinesis = { [`acme_${name}_streamalert`]: Object.values(cluster.data_sources.kinesis)[0] };
  variables.clusters[name] = cluster;
}
writeFileSync(join(conf, 'variables.json'), JSON.stringify(variables, null, 2));

const require = createRequire(import.meta.url);
const t0 = performance.now();
const { loadConfig, generateTerraform } = require(bundle);
const loadMs = performance.now() - t0;
const times = [];
let result;
for (let i = 0; i < runs; i++) {
  const start = performance.now();
  result = await generateTerraform(loadConfig(conf), join(work, `out-${i}`));
  times.push(performance.now() - start);
}
const sorted = [...times].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)];

const cli = [];
for (let i = 0; i < 3; i++) {
  const start = performance.now();
  const run = spawnSync(process.execPath, [join(root, 'bin/streamalert.js'), '--config', conf, 'terraform', 'generate', '--dir', join(work, 'cli-out')], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  cli.push(performance.now() - start);
}
const help = performance.now();
spawnSync(process.execPath, [join(root, 'bin/streamalert.js'), '--help']);
const helpMs = performance.now() - help;

const bytes = result.files.filter((f) => f.endsWith('.json')).reduce((sum, f) => sum + readFileSync(join(result.dir, f)).length, 0);
console.log(`terraform generate, 10 clusters: ${result.addresses.length} resources in ${result.files.length} files (${(bytes / 1024).toFixed(0)} KiB)`);
console.log(`  module load (cdktf + provider-aws resources used): ${loadMs.toFixed(0)} ms`);
console.log(`  in-process generate: first ${times[0].toFixed(0)} ms, median of ${runs} ${median.toFixed(0)} ms`);
console.log(`  whole CLI process (node start, load, generate, write): ${cli.map((t) => t.toFixed(0)).join(' / ')} ms`);
console.log(`  CLI --help (no provider modules loaded): ${helpMs.toFixed(0)} ms`);
rmSync(work, { recursive: true, force: true });
