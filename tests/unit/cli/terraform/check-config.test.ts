import { checkTerraformConfig } from '../../../../cli/terraform/check-config';
import { configWith, type Json } from './helpers';

describe('checkTerraformConfig', () => {
  it('finds nothing wrong with the bundled configuration', () => {
    const { problems } = checkTerraformConfig(configWith());
    expect(problems).toEqual([]);
  });

  it.each<[string, (v: Json) => void, string, RegExp]>([
    ['Firehose in a region without it', (v) => (v.account.region = 'me-west-1'), '/global/firehose/enabled', /Firehose is not available in the account region "me-west-1"/],
    ['kinesis_events without kinesis', (v) => delete v.clusters.prod.modules.kinesis, '/clusters/prod/modules/kinesis_events', /needs the kinesis module/],
    ['flow_logs with a disabled kinesis', (v) => (v.clusters.corp.modules.kinesis.enabled = false), '/clusters/corp/modules/flow_logs', /needs the kinesis module/],
    ['cloudtrail sending to a missing stream', (v) => {
      delete v.clusters.prod.modules.kinesis;
      delete v.clusters.prod.modules.kinesis_events;
      delete v.clusters.prod.modules.cloudwatch_logs;
      v.clusters.prod.modules.cloudtrail.send_to_kinesis = true;
    }, '/clusters/prod/modules/cloudtrail/send_to_kinesis', /needs the kinesis module/],
    ['an s3_events bucket that is no data source', (v) => (v.clusters.prod.modules.s3_events['other.bucket'] = []), '/clusters/prod/modules/s3_events/other.bucket', /bucket "other.bucket" is not a data source/],
    ['an SNS topic that is no data source', (v) => v.clusters.prod.modules.sns_inputs.topics.push('stray_topic'), '/clusters/prod/modules/sns_inputs/topics/1', /is not a data source/],
    ['an SQS queue that is no data source', (v) => (v.clusters.corp.modules.sqs_inputs.queues = ['arn:aws:sqs:us-west-2:123456789012:stray']), '/clusters/corp/modules/sqs_inputs/queues/0', /is not a data source/],
    ['an SQS queue in another region', (v) => (v.clusters.corp.modules.sqs_inputs.queues = ['arn:aws:sqs:eu-west-1:123456789012:acme_corp_appliance_logs']), '/clusters/corp/modules/sqs_inputs/queues/0', /is in eu-west-1, but Lambda reads SQS only in the function's region \(us-west-2\)/],
    ['flow logs watching nothing', (v) => (v.clusters.corp.modules.flow_logs.vpcs = []), '/clusters/corp/modules/flow_logs', /lists no vpcs, subnets or enis/],
    ['a cluster named like a module', (v) => {
      v.clusters.kinesis = v.clusters.corp;
      delete v.clusters.corp;
    }, '/clusters/kinesis', /also a module name/],
    ['a cluster named like a global module', (v) => {
      v.clusters.firehose = v.clusters.corp;
      delete v.clusters.corp;
    }, '/clusters/firehose', /name of a global module/],
  ])('reports %s at its key', (_name, edit, pointer, message) => {
    const { problems } = checkTerraformConfig(configWith(edit));
    expect(problems).toContainEqual(expect.objectContaining({ pointer, message: expect.stringMatching(message) }));
    expect(problems[0].file).toMatch(/variables\.json$/);
  });

  it('accepts an SQS queue given by ARN when its name is a data source', () => {
    const config = configWith((v) => (v.clusters.corp.modules.sqs_inputs.queues = ['arn:aws:sqs:us-west-2:123456789012:acme_corp_appliance_logs']));
    expect(checkTerraformConfig(config).problems).toEqual([]);
  });

  it('warns when the stream the kinesis module creates is not a kinesis data source', () => {
    const { problems, warnings } = checkTerraformConfig(
      configWith((v) => {
        v.clusters.prod.data_sources.kinesis = { some_other_stream: ['osquery'] };
      }),
    );
    expect(problems).toEqual([]);
    expect(warnings).toEqual([expect.stringContaining('/clusters/prod/data_sources/kinesis does not list "acme_prod_streamalert"')]);
  });

  it('reports every problem at once', () => {
    const { problems } = checkTerraformConfig(
      configWith((v) => {
        v.account.region = 'me-west-1';
        v.clusters.prod.modules.s3_events['other.bucket'] = [];
      }),
    );
    expect(problems.map((p) => p.pointer)).toEqual(['/global/firehose/enabled', '/clusters/prod/modules/s3_events/other.bucket']);
  });
});
