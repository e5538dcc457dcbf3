import { resolveTargets, targetMap } from '../../../../cli/terraform/targets';
import { UsageError } from '../../../../runtime/errors';

const addresses = [
  { address: 'aws_s3_bucket.global_source', file: 'main.tf.json', target: 'global' },
  { address: 'aws_kinesis_stream.prod_kinesis', file: 'prod.tf.json', target: 'prod/kinesis' },
  { address: 'aws_kinesis_stream.corp_kinesis', file: 'corp.tf.json', target: 'corp/kinesis' },
  { address: 'aws_lambda_function.prod_rule_processor', file: 'prod.tf.json', target: 'prod/rule_processor' },
];

describe('--target words', () => {
  it('cover global modules, clusters, modules everywhere and cluster/module', () => {
    expect([...targetMap(addresses).keys()]).toEqual(['corp', 'corp/kinesis', 'global', 'kinesis', 'prod', 'prod/kinesis', 'prod/rule_processor', 'rule_processor']);
  });

  it.each([
    [['kinesis'], ['aws_kinesis_stream.corp_kinesis', 'aws_kinesis_stream.prod_kinesis']],
    [['prod'], ['aws_kinesis_stream.prod_kinesis', 'aws_lambda_function.prod_rule_processor']],
    [['prod/kinesis', 'global'], ['aws_kinesis_stream.prod_kinesis', 'aws_s3_bucket.global_source']],
    [['kinesis', 'prod/kinesis'], ['aws_kinesis_stream.corp_kinesis', 'aws_kinesis_stream.prod_kinesis']],
  ])('resolve %j to %j', (words, expected) => {
    expect(resolveTargets(words, addresses)).toEqual(expected);
  });

  it('reject an unknown word with a usage error that lists the known ones', () => {
    expect(() => resolveTargets(['kinesys'], addresses)).toThrow(UsageError);
    expect(() => resolveTargets(['kinesys'], addresses)).toThrow(/unknown target "kinesys"/);
  });
});
