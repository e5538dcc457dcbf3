import { join } from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import { synthesizeTerraform } from '../../../../../cli/terraform/synthesize';
import { hasCorrelationRules } from '../../../../../cli/sigma/detect';
import { REPO_ROOT } from '../../../../_helpers/paths';
import { makeTempDir } from '../../../../_helpers/temp-dir';
import { configWith, list, resourcesOf, statements } from '../helpers';

const config = configWith();
const files = synthesizeTerraform(config, { correlation: true }).files;
const without = synthesizeTerraform(config).files;
const TABLE_ARN = '${aws_dynamodb_table.correlation.arn}';

describe('correlation table', () => {
  it('is made only when a correlation rule exists', () => {
    expect(resourcesOf(without, 'aws_dynamodb_table').correlation).toBeUndefined();
    expect(statements(without).filter((s) => s.where.includes('correlation'))).toEqual([]);
  });

  it('is on-demand, encrypted with the project key, and expires state by TTL', () => {
    expect(resourcesOf(files, 'aws_dynamodb_table').correlation).toEqual(
      expect.objectContaining({
        name: 'acme_streamalert_correlation',
        hash_key: 'group',
        range_key: 'item',
        billing_mode: 'PAY_PER_REQUEST',
        ttl: { attribute_name: 'ttl', enabled: true },
        server_side_encryption: { enabled: true, kms_key_arn: expect.stringMatching(/^\$\{aws_kms_key\./) },
      }),
    );
  });

  it('is named to every rule processor, which may only add, read and fire on it', () => {
    const functions = resourcesOf(files, 'aws_lambda_function');
    for (const cluster of Object.keys(config.clusters)) {
      const fn = functions[`${cluster}_rule_processor`] as { environment: { variables: Record<string, string> } };
      expect(fn.environment.variables.CORRELATION_TABLE).toBe('acme_streamalert_correlation');
      const granted = statements(files).filter((s) => s.where.includes(`${cluster}_rule_processor_correlation`)).map((s) => s.statement);
      expect(granted.map((s) => [list(s.Action).join(','), list(s.Resource).join(',')])).toEqual([
        ['dynamodb:PutItem,dynamodb:Query,dynamodb:UpdateItem', TABLE_ARN],
        ['kms:Decrypt,kms:DescribeKey,kms:Encrypt,kms:GenerateDataKey', expect.stringMatching(/aws_kms_key/)],
      ]);
      expect(granted[1]?.Condition).toEqual({ StringEquals: { 'kms:ViaService': 'dynamodb.us-east-1.amazonaws.com' } });
    }
  });
});

describe('finding correlation rules in a rules folder', () => {
  it('finds the bundled Sigma correlation and threshold rules', () => {
    expect(hasCorrelationRules(join(REPO_ROOT, 'rules'))).toBe(true);
  });

  it.each([
    ['a Sigma correlation document', 'r.yml', 'title: a\ncorrelation:\n  type: event_count\n'],
    ['a TypeScript threshold option', 'r.ts', "rule({ logs: ['x'], threshold: { count: 3, within: '1m' } })(function r() { return true; });\n"],
  ])('finds %s', (_name, file, text) => {
    const dir = makeTempDir();
    writeFileSync(join(dir, file), text);
    expect(hasCorrelationRules(dir)).toBe(true);
  });

  it('finds none among plain rules', () => {
    const dir = makeTempDir();
    mkdirSync(join(dir, 'aws'));
    writeFileSync(join(dir, 'aws', 'r.yml'), 'title: a\nlogsource:\n  product: aws\ndetection:\n  s:\n    correlation_id: x\n  condition: s\n');
    writeFileSync(join(dir, 'r.ts'), "rule({ logs: ['x'] })(function r() { return true; });\n");
    expect(hasCorrelationRules(dir)).toBe(false);
  });
});
