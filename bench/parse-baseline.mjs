// The reference every ratio is taken against: read a file (plain or gzip) in one thread, split it into lines and
// JSON.parse each (a line that is not JSON pays its failed parse). Prints {"seconds", "records", "bytes"} as JSON.
// `node bench/parse-baseline.mjs <file>`
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';

const file = process.argv[2];
const start = process.hrtime.bigint();
let stream = createReadStream(file, { highWaterMark: 256 * 1024 });
if (file.endsWith('.gz')) stream = stream.pipe(createGunzip());
let rest = '';
let records = 0;
let bytes = 0;
const parse = (line) => {
  if (line === '') return;
  records++;
  try {
    JSON.parse(line);
  } catch {
    // CSV, key/value and syslog lines are not JSON.
  }
};
for await (const chunk of stream) {
  bytes += chunk.length;
  const text = rest + chunk.toString('utf8');
  let at = 0;
  for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', at)) {
    parse(text.slice(at, nl));
    at = nl + 1;
  }
  rest = text.slice(at);
}
parse(rest);
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
process.stdout.write(`${JSON.stringify({ seconds, records, bytes })}\n`);
