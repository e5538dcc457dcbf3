/**
 * Checks of the configuration that only Terraform generation needs (the JSON Schema has checked
 * the shapes already): modules that need another module, inputs that are not data sources,
 * Firehose regions, names that would collide. Problems, not exceptions: every one is reported.
 */
import type { ClusterConfig, Config } from '../../runtime/config';
import { displayPath } from '../../runtime/config';
import { kinesisStreamName } from '../../runtime/config/names';
import type { ConfigProblem } from '../../runtime/errors';
import { join } from 'node:path';
import { alertSettingsProblems } from './check-alerts';
import { AWS_REGIONS, determineQueue, determineTopic, FIREHOSE_REGIONS, GLOBAL_MODULES, regionPartition } from './config-facts';
import { closest } from '../../runtime/config/validate';

/** Modules of a cluster, by their `variables.json` names (also the `--target` words). */
export const CLUSTER_MODULES = [
  'rule_processor',
  'kinesis',
  'kinesis_events',
  'cloudwatch_monitoring',
  's3_events',
  'sns_inputs',
  'sqs_inputs',
  'cloudwatch_logs',
  'flow_logs',
  'cloudtrail',
  'streamalert_apps',
] as const;

/** Result of {@link checkTerraformConfig}: problems stop generation (exit 3), warnings do not. */
export interface TerraformConfigCheck {
  readonly problems: ConfigProblem[];
  readonly warnings: string[];
}

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** The account region and each cluster's own region must be regions of an AWS partition (all reported at once). */
function regionProblems(config: Config, file: string): ConfigProblem[] {
  const partition = regionPartition(config.account.region);
  const known = AWS_REGIONS[partition ?? 'aws'] ?? [];
  const check = (region: string, pointer: string): ConfigProblem[] => {
    if (regionPartition(region) !== undefined) return [];
    const guess = closest(region, Object.values(AWS_REGIONS).flat());
    const list = `regions of the ${partition ?? 'aws'} partition: ${known.join(', ')}`;
    return [{ file, pointer, value: region, message: 'is not a region of any AWS partition', hint: guess ? `did you mean "${guess}"? (${list})` : list }];
  };
  return [
    ...check(config.account.region, '/account/region'),
    ...Object.entries(config.clusters).flatMap(([name, cluster]) => (cluster.region === config.account.region ? [] : check(cluster.region, `/clusters/${name}/region`))),
  ];
}

/** Checks every cluster and the global settings. */
export function checkTerraformConfig(config: Config): TerraformConfigCheck {
  const file = displayPath(join(config.dir, 'variables.json'));
  const problems: ConfigProblem[] = [];
  const warnings: string[] = [];
  problems.push(...regionProblems(config, file));
  const firehose = config.global.firehose;
  if (firehose.enabled && regionPartition(config.account.region) !== undefined && !FIREHOSE_REGIONS.includes(config.account.region)) {
    problems.push({
      file,
      pointer: '/global/firehose/enabled',
      message: `Firehose is not available in the account region "${config.account.region}"`,
      hint: 'set "enabled": false, or choose an account region where Amazon Data Firehose runs (https://docs.aws.amazon.com/general/latest/gr/fh.html)',
    });
  }
  for (const cluster of Object.values(config.clusters)) checkCluster(config, cluster, file, problems, warnings);
  problems.push(...alertSettingsProblems(config, file));
  checkScheduledQueries(config, problems, warnings);
  return { problems, warnings };
}

function checkCluster(config: Config, cluster: ClusterConfig, file: string, problems: ConfigProblem[], warnings: string[]): void {
  const at = `/clusters/${cluster.name}`;
  const m = cluster.modules;
  const sources = cluster.data_sources;
  if ((CLUSTER_MODULES as readonly string[]).includes(cluster.name)) {
    problems.push({ file, pointer: at, message: `cluster name "${cluster.name}" is also a module name (ambiguous for --target)`, hint: 'rename the cluster' });
  }
  if ((GLOBAL_MODULES as readonly string[]).includes(cluster.name)) {
    problems.push({ file, pointer: at, message: `cluster name "${cluster.name}" is the name of a global module (its resources share main.tf.json)`, hint: 'rename the cluster' });
  }
  const kinesisOn = m.kinesis?.enabled === true;
  const needsKinesis: [string, boolean][] = [
    ['kinesis_events', m.kinesis_events?.enabled === true],
    ['cloudwatch_logs', m.cloudwatch_logs?.enabled === true],
    ['flow_logs', m.flow_logs?.enabled === true],
  ];
  for (const [name, on] of needsKinesis) {
    if (on && !kinesisOn) {
      problems.push({ file, pointer: `${at}/modules/${name}`, message: `needs the kinesis module of the cluster, which is absent or disabled`, hint: `add "kinesis": {} to ${at}/modules, or remove ${name}` });
    }
  }
  if (m.cloudtrail?.enabled && m.cloudtrail.send_to_kinesis && !kinesisOn) {
    problems.push({ file, pointer: `${at}/modules/cloudtrail/send_to_kinesis`, message: 'needs the kinesis module of the cluster, which is absent or disabled', value: true, hint: 'set it to false, or add the kinesis module' });
  }
  if (m.flow_logs?.enabled && m.flow_logs.vpcs.length + m.flow_logs.subnets.length + m.flow_logs.enis.length === 0) {
    problems.push({ file, pointer: `${at}/modules/flow_logs`, message: 'lists no vpcs, subnets or enis to watch', hint: 'add "vpcs": ["vpc-..."], or remove the module' });
  }
  if (m.kinesis?.streams.create_writer_role === false && m.kinesis.streams.writer_principals.length > 0) {
    warnings.push(`${file}: ${at}/modules/kinesis/streams/writer_principals is ignored: create_writer_role is false`);
  }
  for (const bucket of Object.keys(m.s3_events ?? {})) {
    if (!sources.s3?.[bucket]) {
      problems.push({
        file,
        pointer: `${at}/modules/s3_events/${escape(bucket)}`,
        message: `bucket "${bucket}" is not a data source of the cluster, so its objects could not be classified`,
        hint: `add "${bucket}": [<log types>] to ${at}/data_sources/s3`,
      });
    }
  }
  (m.sns_inputs?.topics ?? []).forEach((topic, i) => {
    const { name } = determineTopic(topic, config.account.id, cluster.region);
    if (!sources.sns?.[name] && !sources.sns?.[topic]) {
      problems.push({ file, pointer: `${at}/modules/sns_inputs/topics/${i}`, message: 'is not a data source of the cluster', value: topic, hint: `add "${name}": [<log types>] to ${at}/data_sources/sns` });
    }
  });
  (m.sqs_inputs?.queues ?? []).forEach((queue, i) => {
    const { name } = determineQueue(queue, config.account.id, cluster.region);
    const queueRegion = queue.startsWith('arn:') ? queue.split(':')[3] : cluster.region;
    if (queueRegion !== cluster.region) {
      // https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html: the queue and the function share a region.
      problems.push({ file, pointer: `${at}/modules/sqs_inputs/queues/${i}`, message: `is in ${queueRegion}, but Lambda reads SQS only in the function's region (${cluster.region})`, value: queue });
    }
    if (!sources.sqs?.[name] && !sources.sqs?.[queue]) {
      problems.push({ file, pointer: `${at}/modules/sqs_inputs/queues/${i}`, message: 'is not a data source of the cluster', value: queue, hint: `add "${name}": [<log types>] to ${at}/data_sources/sqs` });
    }
  });
  for (const name of Object.keys(m.streamalert_apps ?? {})) {
    if (!sources.streamalert_app?.[name]) {
      problems.push({
        file,
        pointer: `${at}/modules/streamalert_apps/${escape(name)}`,
        message: `app "${name}" is not a streamalert_app data source of the cluster, so what it sends could not be classified`,
        hint: `add "${name}": [<log types>] to ${at}/data_sources/streamalert_app`,
      });
    }
  }
  const stream = kinesisStreamName(config, cluster.name);
  if (kinesisOn && !sources.kinesis?.[stream]) {
    warnings.push(`${file}: ${at}/data_sources/kinesis does not list "${stream}", the stream the kinesis module creates: its records would not be classified`);
  }
}

/** Scheduled queries need historical search (Athena over Firehose data); a stream no cluster reads streamquery from is warned about. */
function checkScheduledQueries(config: Config, problems: ConfigProblem[], warnings: string[]): void {
  const settings = config.scheduled_queries;
  if (!settings.enabled) return;
  const file = displayPath(join(config.dir, 'scheduled_queries.json'));
  if (!config.global.firehose.enabled) {
    problems.push({ file, pointer: '/enabled', message: 'scheduled queries run in Athena over the historical data, but global.firehose is not enabled', value: true, hint: 'enable global.firehose in variables.json, or set "enabled": false' });
  }
  const stream = settings.destination_kinesis_stream;
  const readers = Object.values(config.clusters).filter((c) => c.data_sources.kinesis?.[stream] !== undefined);
  if (readers.length === 0) {
    warnings.push(`${file}: /config/destination_kinesis_stream "${stream}" is not a kinesis data source of any cluster, so the results would never reach the rules; add "${stream}": ["streamquery"] to a cluster's data_sources.kinesis`);
  } else if (!readers.some((c) => (c.data_sources.kinesis?.[stream] ?? []).some((t) => t === 'streamquery' || t.startsWith('streamquery:')))) {
    warnings.push(`${file}: /config/destination_kinesis_stream "${stream}" is a kinesis data source, but no cluster classifies streamquery records from it; add "streamquery" to data_sources.kinesis.${stream} (and the streamquery schema to conf/schemas)`);
  }
}
