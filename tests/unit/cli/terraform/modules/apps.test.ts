import { checkTerraformConfig } from '../../../../../cli/terraform/check-config';
import { configWith, resourcesWith } from '../helpers';

describe('streamalert_apps module', () => {
  const r = resourcesWith();
  const name = 'acme_corp_duo_auth_app';

  it('declares one function per configured app, from the bootstrap package, never overlapping runs', () => {
    expect(Object.keys(r.aws_lambda_function).filter((n) => n.startsWith('corp_streamalert_apps_')).sort()).toEqual([
      'corp_streamalert_apps_duo_admin_function',
      'corp_streamalert_apps_duo_auth_function',
      'corp_streamalert_apps_onelogin_function',
    ]);
    const fn = r.aws_lambda_function.corp_streamalert_apps_duo_auth_function;
    // Version 1 from the bootstrap code: the alias never points at $LATEST.
    expect(fn).toMatchObject({ function_name: name, region: 'us-west-2', reserved_concurrent_executions: 1, memory_size: 128, publish: true });
    expect(r.aws_lambda_alias.corp_streamalert_apps_duo_auth_function_alias.function_version).toBe('${aws_lambda_function.corp_streamalert_apps_duo_auth_function.version}');
    expect(fn.environment.variables).toMatchObject({
      APP_TYPE: 'duo_auth',
      APP_NAME: name,
      APP_DESTINATION: 'acme_corp_streamalert_rules:production',
      APP_SSM_PREFIX: `/acme/streamalert/apps/${name}`,
    });
  });

  it('runs the production alias on its schedule, without Lambda retries (the next run resumes)', () => {
    expect(r.aws_cloudwatch_event_rule.corp_streamalert_apps_duo_auth_schedule.schedule_expression).toBe('rate(10 minutes)');
    expect(r.aws_cloudwatch_event_target.corp_streamalert_apps_duo_auth_target.arn).toBe('${aws_lambda_alias.corp_streamalert_apps_duo_auth_function_alias.arn}');
    expect(r.aws_lambda_permission.corp_streamalert_apps_duo_auth_allow_schedule).toMatchObject({
      principal: 'events.amazonaws.com',
      qualifier: 'production',
      source_arn: '${aws_cloudwatch_event_rule.corp_streamalert_apps_duo_auth_schedule.arn}',
    });
    expect(r.aws_lambda_function_event_invoke_config.corp_streamalert_apps_duo_auth_invoke_config).toMatchObject({ maximum_retry_attempts: 0, qualifier: 'production' });
  });

  it('lets an app invoke only its rule processor alias and touch only its own parameters', () => {
    const policy = JSON.parse(r.aws_iam_role_policy.corp_streamalert_apps_duo_auth_function_app.policy);
    const ssm = `arn:aws:ssm:us-west-2:123456789012:parameter/acme/streamalert/apps/${name}`;
    expect(policy.Statement).toEqual([
      { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: 'arn:aws:lambda:us-west-2:123456789012:function:acme_corp_streamalert_rules:production' },
      { Effect: 'Allow', Action: 'ssm:GetParameters', Resource: [`${ssm}/auth`, `${ssm}/state`] },
      { Effect: 'Allow', Action: 'ssm:PutParameter', Resource: `${ssm}/state` },
      expect.objectContaining({ Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'], Condition: { StringEquals: { 'kms:ViaService': 'ssm.us-west-2.amazonaws.com' } } }),
    ]);
  });

  it('alarms on failed runs to the region monitoring topic', () => {
    const alarm = r.aws_cloudwatch_metric_alarm.corp_streamalert_apps_duo_auth_errors;
    expect(alarm).toMatchObject({ metric_name: 'Errors', dimensions: { FunctionName: name }, threshold: 0 });
    expect(alarm.alarm_actions).toHaveLength(1);
  });

  it('refuses an app that is not a streamalert_app data source of its cluster', () => {
    const config = configWith((v) => {
      delete v.clusters.corp.data_sources.streamalert_app.acme_corp_onelogin_app;
    });
    expect(checkTerraformConfig(config).problems).toContainEqual(
      expect.objectContaining({ pointer: '/clusters/corp/modules/streamalert_apps/acme_corp_onelogin_app', message: expect.stringMatching(/not a streamalert_app data source/) }),
    );
  });
});
