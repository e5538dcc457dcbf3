import { determineEnvironment, DEPLOY_OWNED_CODE_FIELDS } from '../../../../../cli/terraform/modules/rule-processor';
import { resourcesWith } from '../helpers';

describe('rule_processor module', () => {
  const r = resourcesWith((v) => {
    v.clusters.prod.modules.rule_processor = { memory: 1024, timeout: 300, runtime: 'nodejs24.x', log_level: 'debug', log_retention_days: 30, concurrency_limit: 5, environment: { EXTRA: 'yes', CLUSTER: 'spoofed' } };
  });
  const fn = r.aws_lambda_function.prod_rule_processor;

  it('declares the function with the name shared with deploy, index.handler and the configured settings', () => {
    expect(fn).toEqual(
      expect.objectContaining({
        function_name: 'acme_prod_streamalert_rules',
        handler: 'index.handler',
        runtime: 'nodejs24.x',
        memory_size: 1024,
        timeout: 300,
        reserved_concurrent_executions: 5,
        role: '${aws_iam_role.prod_rule_processor_role.arn}',
      }),
    );
  });

  it('falls back to the function defaults of variables.json', () => {
    expect(r.aws_lambda_function.corp_rule_processor).toEqual(expect.objectContaining({ runtime: 'nodejs22.x', memory_size: 256, timeout: 60 }));
    expect(r.aws_lambda_function.corp_rule_processor.reserved_concurrent_executions).toBeUndefined();
  });

  it('sets CLUSTER, LOG_LEVEL, DEAD_LETTER_BUCKET and the alert store, which configured variables cannot override', () => {
    expect(fn.environment.variables).toEqual({
      CLUSTER: 'prod',
      EXTRA: 'yes',
      LOG_LEVEL: 'debug',
      DEAD_LETTER_BUCKET: 'acme-streamalert-data',
      ALERTS_TABLE: 'acme_streamalert_alerts',
      ALERTS_BUCKET: 'acme-streamalert-data',
    });
    expect(determineEnvironment('x', { environment: { ALERTS_TABLE: 'spoofed' }, log_level: 'warn' } as never, undefined, { ALERTS_TABLE: 't' })).toEqual(
      expect.objectContaining({ ALERTS_TABLE: 't' }),
    );
    expect(determineEnvironment('x', { environment: { A: '1' }, log_level: 'warn' } as never)).toEqual({ A: '1', CLUSTER: 'x', LOG_LEVEL: 'warn' });
    expect(determineEnvironment('x', { environment: { DEAD_LETTER_BUCKET: 'elsewhere' }, log_level: 'warn' } as never, 'data')).toEqual(
      expect.objectContaining({ DEAD_LETTER_BUCKET: 'data' }),
    );
  });

  it.each([
    ['prod', 'us-east-1'],
    ['corp', 'us-west-2'],
  ])('lets the %s function (in %s) only put objects under its own dead-letter prefix of the data bucket, encrypted with the bucket key', (cluster) => {
    const policy = JSON.parse(r.aws_iam_role_policy[`${cluster}_rule_processor_write_dead_letters`].policy);
    expect(policy.Statement).toEqual([
      { Effect: 'Allow', Action: 's3:PutObject', Resource: `arn:aws:s3:::acme-streamalert-data/dead-letter/${cluster}/*` },
      {
        Effect: 'Allow',
        Action: 'kms:GenerateDataKey',
        // The data bucket is in the account region and encrypts with that region's key, whatever the cluster's region.
        Resource: '${aws_kms_key.global_us_east_1_kms_key.arn}',
        Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } },
      },
    ]);
    expect(r.aws_iam_role_policy[`${cluster}_rule_processor_write_dead_letters`].role).toBe(`\${aws_iam_role.${cluster}_rule_processor_role.name}`);
  });

  it('keeps dead letters in the data bucket, which exists even with Firehose off, encrypted with SSE-KMS', () => {
    const off = resourcesWith((v) => {
      v.global.firehose = { enabled: false };
    });
    expect(off.aws_s3_bucket.global_data).toEqual(expect.objectContaining({ bucket: 'acme-streamalert-data' }));
    expect(off.aws_s3_bucket_server_side_encryption_configuration.global_data_encryption.rule).toEqual([
      expect.objectContaining({ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: '${aws_kms_key.global_us_east_1_kms_key.arn}' } }),
    ]);
    expect(off.aws_lambda_function.prod_rule_processor.environment.variables.DEAD_LETTER_BUCKET).toBe('acme-streamalert-data');
  });

  it('starts from the bootstrap package and leaves the code to lambda deploy', () => {
    expect(fn.filename).toBe('${path.module}/bootstrap.zip');
    expect(fn.lifecycle.ignore_changes).toEqual(DEPLOY_OWNED_CODE_FIELDS);
    expect(DEPLOY_OWNED_CODE_FIELDS).toEqual(expect.arrayContaining(['filename', 'source_code_hash', 's3_bucket', 's3_key']));
  });

  it('has a production alias on version 1 (published from the bootstrap code, never $LATEST) that Terraform never moves', () => {
    expect(fn.publish).toBe(true);
    expect(r.aws_lambda_alias.prod_rule_processor_alias).toEqual(
      expect.objectContaining({
        name: 'production',
        function_version: '${aws_lambda_function.prod_rule_processor.version}',
        lifecycle: { ignore_changes: ['function_version', 'routing_config'] },
      }),
    );
  });

  it('creates its log group first, with the configured retention, encrypted', () => {
    expect(r.aws_cloudwatch_log_group.prod_rule_processor_logs).toEqual(
      expect.objectContaining({ name: '/aws/lambda/acme_prod_streamalert_rules', retention_in_days: 30, kms_key_id: '${aws_kms_key.global_us_east_1_kms_key.arn}' }),
    );
    expect(fn.depends_on).toContain('aws_cloudwatch_log_group.prod_rule_processor_logs');
  });

  it('lets the function write only to its own log group', () => {
    const policy = JSON.parse(r.aws_iam_role_policy.prod_rule_processor_write_logs.policy);
    expect(policy.Statement).toEqual([
      { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '${aws_cloudwatch_log_group.prod_rule_processor_logs.arn}:*' },
    ]);
  });

  it('runs in the cluster region', () => {
    expect(r.aws_lambda_function.corp_rule_processor.region).toBe('us-west-2');
    expect(r.aws_lambda_function.corp_rule_processor.kms_key_arn).toBe('${aws_kms_key.global_us_west_2_kms_key.arn}');
  });
});
