/**
 * A global StreamAlert function (alert merger, alert processor): its role, encrypted log group, the function
 * created from the bootstrap package, and the `production` alias that `lambda deploy` and `lambda rollback`
 * move. Built like a cluster's rule processor (modules/rule-processor.ts), with the same alias rules.
 */
import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import type { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LambdaAlias } from '@cdktf/provider-aws/lib/lambda-alias';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { PRODUCTION_ALIAS } from '../../../runtime/config/names';
import { BOOTSTRAP_HANDLER, BOOTSTRAP_PACKAGE_FILE } from '../bootstrap-package';
import { DEPLOY_OWNED_CODE_FIELDS } from '../modules/rule-processor';
import { DEFAULT_ID } from '../stack';
import { assumeRolePolicy, type PolicyStatement } from './policy';
import { attachPolicy } from './role-policy';

/** Properties of {@link StreamAlertFunction}. */
export interface StreamAlertFunctionProps {
  readonly accountId: string;
  readonly region: string;
  /** Function name (runtime/config/names.ts). */
  readonly functionName: string;
  /** What the function does (role and function description). */
  readonly description: string;
  /** Lambda runtime, such as `nodejs22.x`. */
  readonly runtime: string;
  /** MB. */
  readonly memory: number;
  /** Seconds. */
  readonly timeout: number;
  readonly logRetentionDays: number;
  /** ARN of the region's KMS key (log group and environment encryption). */
  readonly kmsKeyArn: string;
  /** Environment variables (StreamAlert's own, already merged). */
  readonly environment: Readonly<Record<string, string>>;
  /** Reserved concurrency (1 keeps runs from overlapping). @default none */
  readonly reservedConcurrency?: number;
}

/** One global function with its role, logs and `production` alias. */
export class StreamAlertFunction extends Construct {
  readonly role: IamRole;
  readonly logGroup: CloudwatchLogGroup;
  readonly function: LambdaFunction;
  readonly alias: LambdaAlias;
  readonly functionName: string;

  constructor(scope: Construct, id: string, props: StreamAlertFunctionProps) {
    super(scope, id);
    const { region, functionName } = props;
    this.functionName = functionName;
    this.role = new IamRole(this, 'role', {
      name: functionName,
      description: props.description,
      assumeRolePolicy: assumeRolePolicy('lambda.amazonaws.com', props.accountId),
    });
    this.logGroup = new CloudwatchLogGroup(this, 'logs', {
      region,
      name: `/aws/lambda/${functionName}`,
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.kmsKeyArn,
    });
    const logging = this.allow('write_logs', [{ Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${this.logGroup.arn}:*` }]);
    this.function = new LambdaFunction(this, DEFAULT_ID, {
      region,
      functionName,
      description: props.description,
      role: this.role.arn,
      handler: BOOTSTRAP_HANDLER,
      runtime: props.runtime,
      memorySize: props.memory,
      timeout: props.timeout,
      reservedConcurrentExecutions: props.reservedConcurrency,
      filename: `\${path.module}/${BOOTSTRAP_PACKAGE_FILE}`,
      kmsKeyArn: props.kmsKeyArn,
      environment: { variables: { ...props.environment } },
      dependsOn: [this.logGroup, logging],
      // As for the rule processor: version 1 is published from the bootstrap code, so the alias never points
      // at $LATEST; code runs only once `lambda deploy` has published and checked a version of its own.
      publish: true,
      lifecycle: { ignoreChanges: DEPLOY_OWNED_CODE_FIELDS },
    });
    this.alias = new LambdaAlias(this, 'alias', {
      region,
      name: PRODUCTION_ALIAS,
      description: 'Moved by streamalert lambda deploy and rollback',
      functionName: this.function.functionName,
      functionVersion: this.function.version,
      lifecycle: { ignoreChanges: ['function_version', 'routing_config'] },
    });
  }

  /** Attaches `statements` to the function's role as the inline policy `name` (address `<scope>_<name>`). */
  allow(name: string, statements: readonly PolicyStatement[]): IamRolePolicy {
    return attachPolicy(this, name, this.role, name, statements);
  }
}
