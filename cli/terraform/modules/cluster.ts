/** One cluster: its rule processor and every module switched on in `variables.json`. */
import { Construct } from 'constructs';
import type { ClusterConfig, Config } from '../../../runtime/config';
import { ruleStagingEnvironment, ruleStagingReaderStatements, type RuleStaging } from './rule-staging';
import { correlationEnvironment, correlationStatements, type CorrelationTable } from './correlation';
import { alertDeliveryStreamName, appSsmPrefix, dataBucketName, kinesisStreamName, ruleProcessorName } from '../../../runtime/config/names';
import { arn, type PolicyStatement } from '../constructs/policy';
import { attachPolicy } from '../constructs/role-policy';
import { cloudtrailBucketName } from '../names';
import { alertStoreOf, alertWriterEnvironment, alertWriterStatements } from './alert-delivery';
import { Apps } from './apps';
import { Cloudtrail } from './cloudtrail';
import { CloudwatchLogs } from './cloudwatch-logs';
import { CloudwatchMonitoring } from './cloudwatch-monitoring';
import { FlowLogs } from './flow-logs';
import type { GlobalModule } from './global';
import { intelReadStatements } from './intel-access';
import { Kinesis } from './kinesis';
import { KinesisEvents } from './kinesis-events';
import { RuleProcessor } from './rule-processor';
import { RuleProcessorReliability } from './rule-processor-reliability';
import { S3Events } from './s3-events';
import { SnsInputs } from './sns-inputs';
import { SqsInputs } from './sqs-inputs';

/** Properties of {@link Cluster}. */
export interface ClusterProps {
  readonly config: Config;
  readonly cluster: ClusterConfig;
  readonly global: GlobalModule;
  /** Rule staging, when `global.rule_staging.enabled`: the rule processor reads the rules table. */
  readonly ruleStaging?: RuleStaging;
  /** The correlation table, when a correlation rule exists: the rule processor keeps correlation state there. */
  readonly correlation?: CorrelationTable;
}

/** The settings of a module that is present and not switched off, else undefined. */
function on<T extends { readonly enabled: boolean }>(module: T | undefined): T | undefined {
  return module?.enabled ? module : undefined;
}

/**
 * Putting classified records into the Firehose delivery streams of this deployment (named
 * `<prefix>_streamalert_*`), except the alert-history stream: a rule processor must not be able to forge the
 * alert history (only the alert processor writes it).
 */
export function firehoseWriteStatements(config: Config): PolicyStatement[] {
  const { account } = config;
  return [
    {
      // PutRecordBatch only: the sink never sends one record at a time.
      Action: 'firehose:PutRecordBatch',
      // Every name firehoseStreamName() gives starts with this, long ones included.
      Resource: arn(account.region, 'firehose', account.id, `deliverystream/${account.prefix}_streamalert_*`),
    },
    { Effect: 'Deny', Action: 'firehose:*', Resource: arn(account.region, 'firehose', account.id, `deliverystream/${alertDeliveryStreamName(config)}`) },
  ];
}

/** Every resource of one cluster; construct ids are the module names, so addresses read `<cluster>_<module>`. */
export class Cluster extends Construct {
  constructor(scope: Construct, props: ClusterProps) {
    super(scope, props.cluster.name);
    const { config, cluster, global } = props;
    const { account } = config;
    const accountId = account.id;
    const region = cluster.region;
    const m = cluster.modules;
    const kmsKeyArn = global.keyFor(region).arn;
    const functionName = ruleProcessorName(config, cluster.name);
    const base = `${account.prefix}_${cluster.name}_streamalert`;
    const alertStore = alertStoreOf(config, global);

    const ruleProcessor = new RuleProcessor(this, 'rule_processor', {
      accountId,
      cluster: cluster.name,
      functionName,
      region,
      settings: m.rule_processor,
      kmsKeyArn,
      // The data bucket always exists (global module); its account-region key encrypts it.
      deadLetter: { bucket: dataBucketName(config), bucketRegion: account.region, bucketKmsKeyArn: global.keyFor(account.region).arn },
      alertsEnvironment: {
        ...alertWriterEnvironment(alertStore),
        ...(props.ruleStaging ? ruleStagingEnvironment(props.ruleStaging) : {}),
        ...(props.correlation ? correlationEnvironment(props.correlation) : {}),
      },
    });
    if (props.correlation) {
      attachPolicy(ruleProcessor, 'correlation', ruleProcessor.role, 'correlation_state', correlationStatements(props.correlation));
    }
    if (props.ruleStaging) {
      attachPolicy(ruleProcessor, 'rule_staging', ruleProcessor.role, 'rule_staging', ruleStagingReaderStatements(props.ruleStaging, account.region));
    }
    attachPolicy(ruleProcessor, 'write_alerts', ruleProcessor.role, 'write_alerts', alertWriterStatements(alertStore));
    const intelReads = intelReadStatements(config, cluster.name, global.keyFor(account.region).arn);
    if (intelReads.length > 0) attachPolicy(ruleProcessor, 'read_intel', ruleProcessor.role, 'read_lookup_tables_and_iocs', intelReads);
    const firehose = config.global.firehose;
    if (firehose.enabled && firehose.log_types.length > 0) {
      attachPolicy(ruleProcessor, 'firehose', ruleProcessor.role, 'firehose', firehoseWriteStatements(config));
    }
    const streamName = kinesisStreamName(config, cluster.name);
    const kinesisSettings = on(m.kinesis);
    const kinesis = kinesisSettings
      ? new Kinesis(this, 'kinesis', { accountId, region, streamName, settings: kinesisSettings.streams, kmsKeyArn })
      : undefined;
    const kinesisEvents = on(m.kinesis_events);
    let kinesisMapping: KinesisEvents | undefined;
    if (kinesis && kinesisEvents) {
      kinesisMapping = new KinesisEvents(this, 'kinesis_events', {
        region,
        settings: kinesisEvents,
        kinesis,
        ruleProcessor,
        kmsKeyArn,
        failureQueueName: `${base}_kinesis_failures`,
      });
    }
    new RuleProcessorReliability(this, 'rule_processor_reliability', {
      region,
      functionName,
      ruleProcessor,
      kmsKeyArn,
      topicArn: global.topicFor(region).arn,
      otherFailureQueues: kinesisMapping?.failureQueue ? [kinesisMapping.failureQueue] : [],
    });
    const monitoring = on(m.cloudwatch_monitoring);
    if (monitoring) {
      new CloudwatchMonitoring(this, 'cloudwatch_monitoring', {
        region,
        settings: monitoring,
        functionName,
        streamName: kinesis ? streamName : undefined,
        topicArn: global.topicFor(region).arn,
      });
    }
    if (m.s3_events && Object.keys(m.s3_events).length > 0) {
      new S3Events(this, 's3_events', { accountId, region, buckets: m.s3_events, ruleProcessor });
    }
    if (m.sns_inputs) new SnsInputs(this, 'sns_inputs', { accountId, region, topics: m.sns_inputs.topics, ruleProcessor });
    if (m.sqs_inputs) {
      new SqsInputs(this, 'sqs_inputs', { accountId, region, queues: m.sqs_inputs.queues, batchSize: m.sqs_inputs.batch_size, ruleProcessor });
    }
    const logs = on(m.cloudwatch_logs);
    if (kinesis && logs) {
      new CloudwatchLogs(this, 'cloudwatch_logs', { accountId, region, name: base, settings: logs, kinesis, ruleProcessor, kmsKeyArn });
    }
    const flowLogs = on(m.flow_logs);
    if (kinesis && flowLogs) {
      new FlowLogs(this, 'flow_logs', { accountId, region, name: `${base}_flow_logs`, settings: flowLogs, kinesis, kmsKeyArn });
    }
    if (m.streamalert_apps && Object.keys(m.streamalert_apps).length > 0) {
      new Apps(this, 'streamalert_apps', {
        accountId,
        region,
        runtime: config.functions.runtime,
        apps: m.streamalert_apps,
        ruleProcessorName: functionName,
        ssmPrefixOf: (name) => appSsmPrefix(config, name),
        kmsKeyArn,
        topicArn: global.topicFor(region).arn,
      });
    }
    const cloudtrail = on(m.cloudtrail);
    if (cloudtrail) {
      new Cloudtrail(this, 'cloudtrail', {
        accountId,
        region,
        bucketRegion: account.region,
        trailName: base,
        bucketName: cloudtrailBucketName(config, cluster.name),
        accessLogsBucket: global.accessLogsBucket.bucket.bucket,
        settings: cloudtrail,
        bucketKmsKeyArn: global.keyFor(account.region).arn,
        kmsKeyArn,
        kinesis,
      });
    }
  }
}
