/** `streamalert schema infer|drift`: thin commands over cli/schema. */
import { Option, type Command } from 'commander';
import { action } from '../context';
import { driftReport, inferSchema } from '../schema';

const INFER_HELP = `
Reads sample logs as "process" does (plain or gzip, JSON lines or one JSON document, - for stdin) and writes
a json log type: keys in every sample are required, keys in only some are optional_top_level_keys, types are
widened to accept every sample (integer+float = float, mixed scalars = string), nested objects are {} unless
--depth types them. The schema is validated and must classify every sample (exit 1 when it does not).

Examples:
  streamalert schema infer --name acme:audit audit-*.jsonl.gz
  streamalert schema infer --name aws:cloudtrail_copy --json-path 'Records[*]' --out conf/schemas/acme.json trail.json.gz`;

const DRIFT_HELP = `
Reads dead-letter objects kept by the rule processor (s3://<prefix>-streamalert-data/dead-letter/<cluster>/...,
gzip JSON lines), compares each unclassified JSON record with the log types of its source (or --log-types), and
reports for the log type each record fits best: keys added, keys missing, keys typed differently, each with a
count and one example. --write patches the schema files: added keys (typed from the examples, optional), missing
keys made optional, types widened. Review the diff, then replay: streamalert process --dead-letter <files>`;

interface InferCliOptions {
  readonly name: string;
  readonly jsonPath?: string;
  readonly depth: string;
  readonly extraKeys: 'keep' | 'reject';
  readonly out?: string;
  readonly force?: boolean;
}

interface DriftCliOptions {
  readonly logTypes?: string;
  readonly write?: boolean;
}

export function registerSchemaCommands(program: Command): void {
  const schema = program.command('schema').description('infer log schemas from samples; report schema drift from dead letters');
  schema
    .command('infer')
    .description('write a json log schema from sample logs')
    .argument('<files...>', 'sample log files; - for stdin')
    .requiredOption('--name <vendor:type>', 'log type name')
    .option('--json-path <expr>', 'JMESPath selecting the records inside each sample, e.g. Records[*]')
    .option('--depth <n>', 'levels of nested objects to type key by key (else {})', '0')
    .addOption(new Option('--extra-keys <mode>', 'extra_keys of the schema').choices(['keep', 'reject']).default('reject'))
    .option('--out <file>', 'add the log type to this schema file instead of printing it')
    .option('--force', 'replace a log type of the same name in --out')
    .addHelpText('after', INFER_HELP)
    .action(
      action<InferCliOptions>((ctx, opts, args) =>
        inferSchema(ctx, {
          config: ctx.globals.config,
          files: args,
          name: opts.name,
          jsonPath: opts.jsonPath,
          depth: Number(opts.depth),
          extraKeys: opts.extraKeys,
          out: opts.out,
          force: opts.force,
        }),
      ),
    );
  schema
    .command('drift')
    .description('report how unclassified records in dead-letter objects differ from their schemas')
    .argument('<files...>', 'dead-letter objects (gzip JSON lines)')
    .option('--log-types <a,b>', 'compare with these log types or families instead of each source\'s')
    .option('--write', 'patch the schema files (add keys, make missing keys optional, widen types)')
    .addHelpText('after', DRIFT_HELP)
    .action(action<DriftCliOptions>((ctx, opts, args) => driftReport(ctx, { config: ctx.globals.config, files: args, logTypes: opts.logTypes, write: opts.write })));
}
