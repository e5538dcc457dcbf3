import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkTerraformConfig } from '../../../../../cli/terraform/check-config';
import { synthesizeTerraform } from '../../../../../cli/terraform/synthesize';
import { loadConfig } from '../../../../../runtime/config';
import { confWith, resourcesByType } from '../helpers';

/** The bundled conf with a streamquery schema read from the prod stream, and `scheduled` as scheduled_queries.json. */
function confWithQueries(scheduled: object, readStreamquery = true): string {
  const dir = confWith((v) => {
    if (readStreamquery) v.clusters.prod.data_sources.kinesis.acme_prod_streamalert.push('streamquery');
  });
  writeFileSync(
    join(dir, 'schemas', 'streamquery.json'),
    JSON.stringify({ 'streamquery:version1': { parser: 'json', schema: { streamquery_schema_version: 'string', execution: {}, data: {} }, configuration: { log_patterns: { streamquery_schema_version: ['1.*.*'] } } } }),
  );
  writeFileSync(join(dir, 'scheduled_queries.json'), JSON.stringify(scheduled));
  return dir;
}

const enabled = {
  enabled: true,
  config: { destination_kinesis_stream: 'acme_prod_streamalert', sfn_timeout_secs: 600, sfn_wait_secs: 10 },
  packs: { hourly: { description: 'hourly checks', schedule_expression: 'rate(1 hour)' }, daily: { schedule_expression: 'cron(5 0 * * ? *)' } },
  queries: { root_logins: { pack: 'hourly', query: "SELECT * FROM cloudtrail_events WHERE dt = '{utcdatehour_minus1hour}'" } },
};

describe('scheduled_queries module', () => {
  const r = resourcesByType(synthesizeTerraform(loadConfig(confWithQueries(enabled))).files);

  it('schedules each pack against the production alias with the pack name as input', () => {
    expect(r.aws_cloudwatch_event_rule.scheduled_queries_hourly_schedule.schedule_expression).toBe('rate(1 hour)');
    expect(r.aws_cloudwatch_event_rule.scheduled_queries_daily_schedule.schedule_expression).toBe('cron(5 0 * * ? *)');
    expect(r.aws_cloudwatch_event_target.scheduled_queries_hourly_target).toMatchObject({ arn: '${aws_lambda_alias.scheduled_queries_function_alias.arn}', input: '{"pack":"hourly"}' });
    expect(r.aws_lambda_function.scheduled_queries_function.function_name).toBe('acme_streamalert_scheduled_queries');
  });

  it('lets the function query the workgroup and put records on the destination stream only', () => {
    const statements = JSON.parse(r.aws_iam_role_policy.scheduled_queries_function_run_queries.policy).Statement;
    expect(statements).toContainEqual(expect.objectContaining({ Action: expect.arrayContaining(['athena:StartQueryExecution']), Resource: 'arn:aws:athena:us-east-1:123456789012:workgroup/acme_streamalert' }));
    expect(statements).toContainEqual({ Effect: 'Allow', Action: 'kinesis:PutRecords', Resource: 'arn:aws:kinesis:us-east-1:123456789012:stream/acme_prod_streamalert' });
    expect(statements).toContainEqual(expect.objectContaining({ Action: ['s3:PutObject', 's3:AbortMultipartUpload'], Resource: '${aws_s3_bucket.global_data.arn}/athena-results/*' }));
  });

  it('is absent when scheduled queries are off', () => {
    const off = resourcesByType(synthesizeTerraform(loadConfig(confWithQueries({ ...enabled, enabled: false }))).files);
    expect(Object.keys(off.aws_lambda_function ?? {}).filter((n) => n.startsWith('scheduled_queries'))).toEqual([]);
  });

  it('warns about a destination stream no cluster reads streamquery from', () => {
    const { warnings } = checkTerraformConfig(loadConfig(confWithQueries(enabled, false)));
    expect(warnings.join('\n')).toMatch(/"acme_prod_streamalert" is a kinesis data source, but no cluster classifies streamquery records from it/);
  });
});
