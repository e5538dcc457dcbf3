// Classifier throughput benchmark: `npm run bench` (or `node bench/run.mjs [records]`).
// Bundles runtime/ with esbuild, loads every StreamAlert v3.5.0 schema from ../shared/corpus plus the bench
// schemas, generates a mixed corpus, and measures classification against a plain JSON.parse of the same lines.
// Then does it again with a wider library: the same schemas plus every log type of conf/schemas that v3.5 does
// not declare (this project's new types), so the cost of more types is shown beside the v3.5 figure.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from './corpus.mjs';
import { BENCH_SCHEMAS } from './schemas.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = join(root, '..', 'shared', 'corpus', 'streamalert');
const count = Number(process.argv[2] ?? 250_000);
// `node bench/run.mjs 50000 'all 67'` measures only the cases whose name contains 'all 67' (for profiling).
const only = process.argv[3];
const work = mkdtempSync(join(tmpdir(), 'streamalert-bench-'));

try {
  const bundle = join(work, 'runtime.cjs');
  await build({
    stdin: {
      contents: "export { createClassifier } from './runtime/classifier'; export { loadConfig, logFamily } from './runtime/config';",
      resolveDir: root,
      loader: 'ts',
    },
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
  });
  const { createClassifier, loadConfig, logFamily } = createRequire(import.meta.url)(bundle);

  const schemaDir = join(corpus, 'config', 'v3.5.0', 'conf', 'schemas');
  const records = generateCorpus(join(corpus, 'events', 'v3.5.0'), count);
  const libraries = [['StreamAlert v3.5.0 schemas', false], ['v3.5.0 + conf/schemas new types', true]];
  for (const [library, wide] of libraries) {
    if (process.env.BENCH_LIBRARY && !library.includes(process.env.BENCH_LIBRARY)) continue;
    const conf = join(work, `conf-${wide ? 'wide' : 'v35'}`);
    mkdirSync(join(conf, 'schemas'), { recursive: true });
    for (const file of readdirSync(schemaDir)) copyFileSync(join(schemaDir, file), join(conf, 'schemas', file));
    writeFileSync(join(conf, 'schemas', 'bench.json'), JSON.stringify(BENCH_SCHEMAS));
    writeFileSync(
      join(conf, 'variables.json'),
      JSON.stringify({
        account: { id: '123456789012', prefix: 'bench', region: 'us-east-1' },
        clusters: { bench: { data_sources: { kinesis: { bench: ['osquery'] } }, modules: { rule_processor: {} } } },
      }),
    );
    if (wide) writeFileSync(join(conf, 'schemas', 'zz-new-types.json'), JSON.stringify(newTypes(conf)));
    measure(library, createClassifier(loadConfig(conf)), records);
  }

  /** The log types of conf/schemas that the library in `conf` does not declare yet. */
  function newTypes(conf) {
    const declared = new Set(Object.keys(loadConfig(conf).logs));
    const fresh = {};
    for (const file of readdirSync(join(root, 'conf', 'schemas')).sort()) {
      for (const [name, spec] of Object.entries(JSON.parse(readFileSync(join(root, 'conf', 'schemas', file), 'utf8')))) {
        if (name !== '$schema' && !declared.has(name)) fresh[name] = spec;
      }
    }
    return fresh;
  }

  function measure(library, classifier, records) {
    const allTypes = classifier.logTypes;
    const familyTypes = new Map();
    for (const type of allTypes) {
      const family = logFamily(type);
      if (!familyTypes.has(family)) familyTypes.set(family, []);
      familyTypes.get(family).push(type);
    }

    const lines = records.map((r) => r.line);
    const familyCandidates = records.map((r) => familyTypes.get(logFamily(r.logType)));
    const bytes = lines.reduce((sum, line) => sum + Buffer.byteLength(line), 0);
    const source = { service: 'kinesis', resource: 'bench' };

    const jsonIndexes = lines.flatMap((line, i) => (line.startsWith('{') ? [i] : []));
    const parseOver = (indexes) => () => {
      let ok = 0;
      for (const i of indexes) {
        try {
          if (JSON.parse(lines[i]) !== undefined) ok++;
        } catch {
          // CSV, KV and syslog lines are not JSON: the baseline pays the failed parse.
        }
      }
      return ok;
    };
    const classifyOver = (indexes, candidatesOf) => () => {
      let wrong = 0;
      let first;
      for (const i of indexes) {
        const outcome = classifier.classify({ data: lines[i], source }, candidatesOf(i));
        if (!outcome.ok || outcome.log_type !== records[i].logType) {
          wrong++;
          first ??= { want: records[i].logType, outcome };
        }
      }
      if (wrong > 0) throw new Error(`${wrong} records were not classified as generated, first: ${JSON.stringify(first).slice(0, 2000)}`);
    };

    const every = lines.map((_, i) => i);
    const byFamily = (i) => familyCandidates[i];
    const everyType = () => allTypes;
    const cases = [
      ['JSON.parse, all lines', every, parseOver(every)],
      ['classify, family candidates', every, classifyOver(every, byFamily)],
      [`classify, all ${allTypes.length} log types`, every, classifyOver(every, everyType)],
      ['JSON.parse, JSON lines only', jsonIndexes, parseOver(jsonIndexes)],
      ['classify, JSON lines only, family', jsonIndexes, classifyOver(jsonIndexes, byFamily)],
    ].filter(([name]) => !only || name.includes(only) || name.startsWith('JSON.parse'));

    // The machine may be shared: run the cases in interleaved rounds and keep each one's median.
    const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
    const seconds = cases.map(() => []);
    cases.forEach(([, , fn]) => fn());
    for (let r = 0; r < rounds; r++) {
      cases.forEach(([, , fn], c) => {
        // Start each case on a clean heap, so that no case pays for the garbage of the one before.
        globalThis.gc?.();
        const start = process.hrtime.bigint();
        fn();
        seconds[c].push(Number(process.hrtime.bigint() - start) / 1e9);
      });
    }
    const median = (list) => list.slice().sort((a, b) => a - b)[Math.floor(list.length / 2)];

    const mix = new Map();
    for (const r of records) mix.set(logFamily(r.logType), (mix.get(logFamily(r.logType)) ?? 0) + 1);
    const mb = bytes / 1024 / 1024;
    console.log(`\n${library}\ncorpus: ${lines.length.toLocaleString('en-US')} records (${jsonIndexes.length.toLocaleString('en-US')} JSON), ${mb.toFixed(1)} MB, ${allTypes.length} log types loaded, median of ${rounds} rounds`);
    console.log(`mix:    ${[...mix].map(([f, n]) => `${f} ${n}`).join(', ')}`);
    const baseline = new Map();
    cases.forEach(([name, indexes], c) => {
      const s = median(seconds[c]);
      const size = indexes.reduce((sum, i) => sum + Buffer.byteLength(lines[i]), 0) / 1024 / 1024;
      const parseName = indexes === every ? 'JSON.parse, all lines' : 'JSON.parse, JSON lines only';
      if (name.startsWith('JSON.parse')) baseline.set(name, s);
      const ratio = baseline.has(parseName) && !name.startsWith('JSON.parse') ? `  ratio to JSON.parse ${(baseline.get(parseName) / s).toFixed(2)}` : '';
      const rate = `${Math.round(indexes.length / s).toLocaleString('en-US').padStart(10)} records/s ${(size / s).toFixed(1).padStart(7)} MB/s`;
      console.log(`${name.padEnd(36)} ${rate}${ratio}`);
    });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
