/** One cluster: its rule processor and every module switched on in `variables.json`. */
import { Construct } from 'constructs';
import type { ClusterConfig, Config } from '../../../runtime/config';
import { kinesisStreamName, ruleProcessorName } from '../../../runtime/config/names';
import { cloudtrailBucketName } from '../names';
import { Cloudtrail } from './cloudtrail';
import { CloudwatchLogs } from './cloudwatch-logs';
import { CloudwatchMonitoring } from './cloudwatch-monitoring';
import { FlowLogs } from './flow-logs';
import type { GlobalModule } from './global';
import { Kinesis } from './kinesis';
import { KinesisEvents } from './kinesis-events';
import { RuleProcessor } from './rule-processor';
import { S3Events } from './s3-events';
import { SnsInputs } from './sns-inputs';
import { SqsInputs } from './sqs-inputs';

/** Properties of {@link Cluster}. */
export interface ClusterProps {
  readonly config: Config;
  readonly cluster: ClusterConfig;
  readonly global: GlobalModule;
}

/** A module is built when present and not switched off. */
function isOn(module: { readonly enabled: boolean } | undefined): module is { readonly enabled: true } {
  return module !== undefined && module.enabled;
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

    const ruleProcessor = new RuleProcessor(this, 'rule_processor', {
      accountId,
      cluster: cluster.name,
      functionName,
      region,
      settings: m.rule_processor,
      kmsKeyArn,
    });
    const streamName = kinesisStreamName(config, cluster.name);
    const kinesis = isOn(m.kinesis)
      ? new Kinesis(this, 'kinesis', { accountId, region, streamName, settings: m.kinesis!.streams, kmsKeyArn })
      : undefined;
    if (kinesis && isOn(m.kinesis_events)) {
      new KinesisEvents(this, 'kinesis_events', {
        region,
        settings: m.kinesis_events!,
        kinesis,
        ruleProcessor,
        kmsKeyArn,
        failureQueueName: `${base}_kinesis_failures`,
      });
    }
    if (isOn(m.cloudwatch_monitoring)) {
      new CloudwatchMonitoring(this, 'cloudwatch_monitoring', {
        region,
        settings: m.cloudwatch_monitoring!,
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
    if (kinesis && isOn(m.cloudwatch_logs)) {
      new CloudwatchLogs(this, 'cloudwatch_logs', { accountId, region, name: base, settings: m.cloudwatch_logs!, kinesis, ruleProcessor, kmsKeyArn });
    }
    if (kinesis && isOn(m.flow_logs)) {
      new FlowLogs(this, 'flow_logs', { accountId, region, name: `${base}_flow_logs`, settings: m.flow_logs!, kinesis, kmsKeyArn });
    }
    if (isOn(m.cloudtrail)) {
      new Cloudtrail(this, 'cloudtrail', {
        accountId,
        region,
        bucketRegion: account.region,
        trailName: base,
        bucketName: cloudtrailBucketName(config, cluster.name),
        accessLogsBucket: global.accessLogsBucket.bucket.bucket,
        settings: m.cloudtrail!,
        bucketKmsKeyArn: global.keyFor(account.region).arn,
        kmsKeyArn,
        kinesis,
      });
    }
  }
}
