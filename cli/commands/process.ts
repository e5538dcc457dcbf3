/** `streamalert process <files...>`: classify local log files and print the records. */
import { Option, type Command } from 'commander';
import { action } from '../context';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { loadConfig } from '../../runtime/config';
import { processFiles } from '../process';
import { splitRulesOption } from '../process/rules-report';
import { parseTime } from '../search/sql';
import { writeRulesBundle } from '../testing/bundled-function';
import { hasCorrelationRules } from '../sigma/detect';

const HELP = `
Reads each file with the same payload reader and classifier the rule processor runs in Lambda:
  - plain or gzip/zlib files (told by content, not by name); - reads stdin
  - JSON lines, plain lines (csv, kv, syslog), or one whole JSON document such as a CloudTrail file
    (a file whose first line starts with { or [ and is not JSON on its own is read as one document)

Candidates: --source <service>:<resource> uses the log types that data source carries in variables.json,
--log-types a,b names log types or families, and by default every declared log type is tried.
Without --source, a file is read like an S3 object: its records' source is {"service":"s3","resource":<path>}.

Output: each classified record as a JSON line on stdout:
  {"log_type": ..., "record": ..., "normalized": ..., "source": ...}
and a summary on stderr: records, classified per log type, unclassified (with the first reasons), failed reads.
Records are log records: a CloudTrail file of 500 events counts 500 (the JSON summary's "objects" counts the
lines and documents read). A closed stdout (streamalert process big.jsonl | head -1) ends the run quietly, exit 0.

Speed: --jobs N (default: the number of cores) spreads the inputs over N worker threads; a large plain file
(JSON lines, csv, kv, syslog) is cut into chunks at line boundaries. Gzip files, stdin and whole JSON documents
are each read by one worker. Output keeps the order of each file; the summary shows the workers used.
With --json, the summary is the last stdout line instead: {"summary": {...}}.
--unclassified <file> writes every unclassified record (whole raw data, source, reason, candidates) as JSON
lines for replay once the schema is fixed:  jq -r .data <file> | streamalert process -
--dead-letter reads the inputs as dead-letter objects kept by the deployed rule processor
(s3://<prefix>-streamalert-data/dead-letter/<cluster>/dt=<day>/*.json.gz, gzip JSON lines) and classifies each
kept record again with its original source (that source's log types are the candidates; --log-types overrides).
Failed reads in them kept no record: they are counted as skipped. Add --unclassified to keep what still fails.
With --rules [dir] (default dir: rules), the rules are bundled as "lambda package" does and run on each
classified record, and stdout gets each alert as a JSON line instead of the records (for backtesting a rule on
archived logs). --rules takes the next word as its folder only when it is a folder of rule files:
"process --rules ct.jsonl" and "process ct.jsonl --rules" both backtest rules/ on ct.jsonl. The summary shows
the rules loaded and the alerts (0 included), and warns when no rule could alert: none loaded, or none reads
the log types the records classified as (flat CloudTrail events, as jq -c '.Records[]' writes them, classify
as cloudtrail:cloudwatch_logs, not the cloudtrail:events the CloudTrail rules read).

Exit codes: 0 done (even with unclassified records: they are reported), 1 an input could not be read
(missing file, corrupt gzip, over a cap), 2 bad usage (--rules naming a folder without rules), 3 invalid configuration.

Examples:
  streamalert process logs/cloudtrail.json.gz
  streamalert process --source kinesis:acme_prod_streamalert osquery.jsonl
  zcat app.log.gz | streamalert process --log-types squid,sshd --unclassified misses.jsonl -
  aws s3 cp --recursive s3://acme-streamalert-data/dead-letter/prod/dt=2026-01-01/ dl/
  streamalert process --dead-letter --unclassified still-failing.jsonl dl/*.json.gz
  streamalert process --rules s3://acme-streamalert-data/cloudtrail_events/ --since 7d   (backtest: objects are
    listed under the prefix, kept when their dt= partition is in the window, and streamed one per worker)`;

interface ProcessCliOptions {
  readonly source?: string;
  readonly logTypes?: string;
  readonly cluster?: string;
  readonly unclassified?: string;
  readonly deadLetter?: boolean;
  readonly maxInflatedMb?: string;
  readonly rules?: string | boolean;
  readonly jobs: string;
  readonly chunkBytes?: string;
  readonly since?: string;
  readonly until?: string;
}

export function registerProcessCommand(parent: Command): void {
  parent
    .command('process')
    .description('classify local log files (plain or gzip, JSON or lines, - for stdin) and print the records as JSON lines')
    .argument('[files...]', 'log files to read; - for stdin; s3://bucket/prefix/ for the objects under a prefix')
    .option('--source <service:resource>', 'use the log types of this data source (e.g. s3:my-bucket)')
    .option('--log-types <a,b>', 'try only these log types or families (comma-separated)')
    .option('--cluster <name>', 'look the --source (or, with --dead-letter, each kept source) up in this cluster only')
    .option('--unclassified <file>', 'write unclassified records as JSON lines, for replay')
    .option('--dead-letter', "the inputs are dead-letter objects: replay each kept record with its original source")
    .option('--rules [dir]', 'run the rules of this folder (default: rules) and print alerts instead of records')
    .option('--since <time>', 's3:// inputs: read the dt= partitions from this time (7d back from now, or ISO 8601)')
    .option('--until <time>', 's3:// inputs: read the dt= partitions up to this time (default: now)')
    .addOption(new Option('--max-inflated-mb <n>', 'stop reading a compressed input past this inflated size').default('1024'))
    .addOption(new Option('-j, --jobs <n>', 'worker threads (files, and chunks of large plain files, are spread over them)').default(String(availableParallelism()), 'the number of cores'))
    // For tests of the splitting itself: cut large files into smaller chunks.
    .addOption(new Option('--chunk-bytes <n>', 'bytes per chunk of a split file').hideHelp())
    .addHelpText('after', HELP)
    .action(
      action<ProcessCliOptions>(async (ctx, opts, args) => {
        const { rulesDir, files } = splitRulesOption(opts.rules, args);
        const now = new Date();
        const window = opts.since === undefined && opts.until === undefined ? undefined : {
          ...(opts.since !== undefined ? { since: parseTime(opts.since, now) } : {}),
          ...(opts.until !== undefined ? { until: parseTime(opts.until, now) } : {}),
        };
        // Correlation state is per worker in a local run: with correlation rules, one worker sees every record.
        const correlated = rulesDir !== undefined && hasCorrelationRules(resolve(rulesDir));
        if (correlated && Number(opts.jobs) > 1) ctx.io.note('correlation or threshold rules: one worker, so every count sees every record');
        return processFiles(ctx, {
          window,
          rulesBundle:
            rulesDir === undefined
              ? undefined
              : await writeRulesBundle({ config: loadConfig(ctx.globals.config), cluster: opts.cluster, rulesDir: resolve(rulesDir), onWarning: (w) => ctx.io.warn(`esbuild: ${w}`) }),
          jobs: correlated ? 1 : Number(opts.jobs),
          chunkBytes: opts.chunkBytes === undefined ? undefined : Number(opts.chunkBytes),
          config: ctx.globals.config,
          files,
          source: opts.source,
          logTypes: opts.logTypes,
          cluster: opts.cluster,
          unclassified: opts.unclassified,
          deadLetter: opts.deadLetter,
          maxInflatedMb: Number(opts.maxInflatedMb),
        });
      }),
    );
}
