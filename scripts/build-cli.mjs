// Bundles the CLI (cli/main.ts and the runtime it imports) into dist/cli.js with esbuild.
// Big or native dependencies stay external and load from node_modules; chalk (ES modules only)
// and commander are bundled so the output is plain CommonJS.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const bundled = new Set(['chalk', 'commander']);
const external = Object.keys(pkg.dependencies ?? {})
  .filter((name) => !bundled.has(name))
  .flatMap((name) => [name, `${name}/*`]);

await build({
  // The worker threads of `streamalert process --jobs` load dist/process-worker.js.
  entryPoints: { cli: join(root, 'cli/main.ts'), 'process-worker': join(root, 'cli/process/worker.ts') },
  outdir: join(root, 'dist'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  external,
  define: { __VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
});
