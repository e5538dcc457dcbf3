// Writes one family's corpus as a JSON-lines file: `node bench/make-corpus.mjs <family> <records> <alert rate> <out>`.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateFamily } from './corpus.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [family, count, rate, out] = process.argv.slice(2);
const lines = generateFamily(join(root, '..', 'shared', 'corpus', 'streamalert', 'events', 'v3.5.0'), family, Number(count), Number(rate));
writeFileSync(out, lines.map((l) => l.line).join('\n') + '\n');
