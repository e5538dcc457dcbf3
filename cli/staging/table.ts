/** The CLI's rules table client (account region, `AWS_ENDPOINT_URL_DYNAMODB` honoured). */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { rulesTableName, type Config } from '../../runtime/config';
import * as sdk from '../../runtime/lookup-tables/dynamodb-sdk.lazy';
import { createRulesTable, type RulesTable } from '../../runtime/staging';
import { customEndpoint, suppressNodeVersionWarning } from '../aws';

/** The rules table of `config`, through the SDK's standard credentials chain. */
export function cliRulesTable(config: Pick<Config, 'account'>, env: NodeJS.ProcessEnv = process.env): RulesTable {
  suppressNodeVersionWarning(process.env);
  const endpoint = customEndpoint('DYNAMODB', env);
  const client = new DynamoDBClient({ region: config.account.region, ...(endpoint ? { endpoint } : {}) });
  return createRulesTable({ table: rulesTableName(config), dynamo: async () => ({ sdk, client }) });
}
