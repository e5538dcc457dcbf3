import { BatchGetItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { resetDynamoDb } from '../../../../runtime/lookup-tables';
import { dynamoDbIocSource, IocTableError } from '../../../../runtime/threat-intel';

const ddb = mockClient(DynamoDBClient);
const TABLE = 'iocs';
const keyOf = (v: string) => ({ ioc_value: { S: v } });
const item = (v: string, expires?: number) => ({ ioc_value: { S: v }, ioc_type: { S: 'ip' }, ...(expires ? { expiration_ts: { N: String(expires) } } : {}) });

beforeEach(() => {
  ddb.reset();
  resetDynamoDb();
});

describe('IOC table lookups', () => {
  it('asks for at most 100 keys per BatchGetItem call', async () => {
    ddb.on(BatchGetItemCommand).resolves({ Responses: { [TABLE]: [] }, UnprocessedKeys: {} });
    const values = Array.from({ length: 250 }, (_, i) => `192.0.2.${i}`);
    await dynamoDbIocSource({ table: TABLE }).lookup(values);
    const sizes = ddb.commandCalls(BatchGetItemCommand).map((c) => c.args[0].input.RequestItems?.[TABLE]?.Keys?.length);
    expect(sizes).toEqual([100, 100, 50]);
  });

  it('retries only the unprocessed keys and returns what every call found', async () => {
    ddb
      .on(BatchGetItemCommand)
      .resolvesOnce({ Responses: { [TABLE]: [item('a')] }, UnprocessedKeys: { [TABLE]: { Keys: [keyOf('b')] } } })
      .resolvesOnce({ Responses: { [TABLE]: [item('b')] }, UnprocessedKeys: {} });
    const found = await dynamoDbIocSource({ table: TABLE, backoffMs: 1 }).lookup(['a', 'b', 'c']);
    expect(found.map((f) => f.ioc_value)).toEqual(['a', 'b']);
    expect(ddb.commandCalls(BatchGetItemCommand)[1]?.args[0].input.RequestItems?.[TABLE]?.Keys).toEqual([keyOf('b')]);
  });

  it('gives up with an IocTableError when keys stay unprocessed past the retries', async () => {
    ddb.on(BatchGetItemCommand).resolves({ Responses: { [TABLE]: [] }, UnprocessedKeys: { [TABLE]: { Keys: [keyOf('a')] } } });
    await expect(dynamoDbIocSource({ table: TABLE, backoffMs: 1, maxRetries: 2 }).lookup(['a'])).rejects.toBeInstanceOf(IocTableError);
    expect(ddb.commandCalls(BatchGetItemCommand)).toHaveLength(3);
  });

  it('drops indicators whose expiration_ts has passed (DynamoDB deletes expired items only eventually)', async () => {
    ddb.on(BatchGetItemCommand).resolves({ Responses: { [TABLE]: [item('old', 1_000), item('new', 3_000), item('forever')] }, UnprocessedKeys: {} });
    const found = await dynamoDbIocSource({ table: TABLE, now: () => 2_000_000 }).lookup(['old', 'new', 'forever']);
    expect(found.map((f) => f.ioc_value)).toEqual(['new', 'forever']);
  });
});
