/**
 * Correlation state (global, when a correlation or threshold rule exists): one DynamoDB table shared by every
 * rule processor, so a group's count is right whichever cluster, shard or invocation sees its events.
 */
import { Construct } from 'constructs';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import type { Config } from '../../../runtime/config';
import { CORRELATION_TABLE_ENV, correlationTableName } from '../../../runtime/config/names';
import type { PolicyStatement } from '../constructs/policy';
import { DEFAULT_ID } from '../stack';
import { tableKeyStatement } from './alerts-table';

/** Table calls of a rule processor (runtime/rules/correlation/dynamo-store.ts): add an event, read a group, fire. */
export const CORRELATION_TABLE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'];

/** Properties of {@link CorrelationTable}. */
export interface CorrelationTableProps {
  readonly config: Config;
  /** ARN of the account region's KMS key. */
  readonly kmsKeyArn: string;
}

/** The correlation table: on-demand, KMS with the project key, TTL on `ttl` (state lives one window plus an hour). */
export class CorrelationTable extends Construct {
  readonly table: DynamodbTable;
  readonly tableName: string;
  readonly kmsKeyArn: string;
  readonly region: string;

  constructor(scope: Construct, id: string, props: CorrelationTableProps) {
    super(scope, id);
    this.region = props.config.account.region;
    this.kmsKeyArn = props.kmsKeyArn;
    this.tableName = correlationTableName(props.config);
    this.table = new DynamodbTable(this, DEFAULT_ID, {
      region: this.region,
      name: this.tableName,
      billingMode: 'PAY_PER_REQUEST',
      hashKey: 'group',
      rangeKey: 'item',
      attribute: [
        { name: 'group', type: 'S' },
        { name: 'item', type: 'S' },
      ],
      ttl: { attributeName: 'ttl', enabled: true },
      serverSideEncryption: { enabled: true, kmsKeyArn: props.kmsKeyArn },
    });
  }
}

/** What a rule processor may do on the correlation table, and the table's key through DynamoDB only. */
export function correlationStatements(correlation: CorrelationTable): PolicyStatement[] {
  return [{ Action: CORRELATION_TABLE_ACTIONS, Resource: correlation.table.arn }, tableKeyStatement(correlation.kmsKeyArn, correlation.region, true)];
}

/** Environment of every rule processor when the table exists. */
export function correlationEnvironment(correlation: CorrelationTable): Record<string, string> {
  return { [CORRELATION_TABLE_ENV]: correlation.tableName };
}
