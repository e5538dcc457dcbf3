// One case of bench/memory-cloudtrail.mjs, run with a heap limit: node --max-old-space-size=256 <this> <unzipped dir> <MiB>.
// Prints one JSON line with the counts, the time and the peak RSS.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';

const [fnDir, mibText] = process.argv.slice(2);
const target = Number(mibText) * 1024 * 1024;
const require = createRequire(join(fnDir, 'index.js'));
const entry = require(join(fnDir, 'index.js'));

function event(i) {
  return JSON.stringify({
    eventVersion: '1.08',
    eventID: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`,
    eventTime: '2026-12-01T00:00:00Z',
    eventType: 'AwsApiCall',
    eventSource: 'cloudtrail.amazonaws.com',
    eventName: i % 1000 === 999 ? 'DeleteTrail' : 'DescribeTrails',
    awsRegion: 'us-east-1',
    recipientAccountId: '123456789012',
    sourceIPAddress: '198.51.100.7',
    userAgent: 'aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64',
    userIdentity: { type: 'IAMUser', principalId: 'AIDAEXAMPLE', arn: 'arn:aws:iam::123456789012:user/eve', accountId: '123456789012', userName: 'eve' },
    requestParameters: { trailNameList: [`trail-${i}`] },
    responseElements: null,
  });
}

let inflated = 0;
let expectedAlerts = 0;
/** The object's text, made while it is read: `{"Records":[` events `]}` up to the target size. */
function* text() {
  yield '{"Records":[';
  inflated += 12;
  let i = 0;
  let batch = [];
  let size = 0;
  while (inflated + size < target) {
    const line = (i === 0 ? '' : ',') + event(i);
    if (i % 1000 === 999) expectedAlerts += 1;
    batch.push(line);
    size += line.length;
    i += 1;
    if (batch.length === 512) {
      yield batch.join('');
      inflated += size;
      batch = [];
      size = 0;
    }
  }
  if (batch.length > 0) yield batch.join('');
  inflated += size + 2;
  yield ']}';
}

const getObject = async () => Readable.from(text()).pipe(createGzip({ level: 1 }));
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
let peakHeap = 0;
const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 100);
const handle = entry.createHandler({ getObject, logger: quiet });
const start = process.hrtime.bigint();
const result = await handle({
  Records: [{ eventSource: 'aws:s3', eventName: 'ObjectCreated:Put', s3: { bucket: { name: 'acme.prod.cloudtrail' }, object: { key: 'AWSLogs/huge.json.gz' } } }],
});
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
clearInterval(sampler);
console.log(
  JSON.stringify({
    counts: result.counts,
    inflated_bytes: inflated,
    expected_alerts: expectedAlerts,
    seconds,
    peak_rss_mb: process.resourceUsage().maxRSS / 1024,
    peak_heap_mb: peakHeap / 1048576,
  }),
);
