/**
 * Correlation state in DynamoDB (dynalite): a threshold counted across invocations and clusters, firing once at
 * the 10th event and not at the 9th, and a retried batch counted once.
 */
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import type { ClassifiedRecord } from '../../../../../runtime/classifier/types';
import { resetDynamoClient } from '../../../../../runtime/alerts/client';
import { clearRules, createRulesEngine, loadRules, rule, type Alert, type RulesEngine } from '../../../../../runtime/rules';
import { createDynamoCorrelationStore } from '../../../../../runtime/rules/correlation';
import { useLoopbackAws } from '../../../../_helpers/aws-env';
import { waitForActiveTable } from '../../../../_helpers/dynalite-server';
import { startDynalite, type Dynalite } from '../../../../_helpers/dynalite';

const TABLE = 'acme_streamalert_correlation';
let db: Dynalite;
let restore: () => void;

function failedLogin(i: number, user = 'dana', minute = 0): ClassifiedRecord {
  return {
    log_type: 'okta:logevents',
    record: { uuid: `u-${user}-${i}`, published: `2026-01-05T10:${String(minute).padStart(2, '0')}:${String(i).padStart(2, '0')}.000Z`, eventType: 'user.session.start', outcome: { result: 'FAILURE' }, actor: { alternateId: user } },
    source: { service: 'kinesis', resource: 'acme_corp_streamalert' },
    normalized: {},
  } as unknown as ClassifiedRecord;
}

function engine(cluster: string): RulesEngine {
  return createRulesEngine({ rules: loadRules(), cluster, correlation: { store: createDynamoCorrelationStore({ table: TABLE, region: 'us-east-1' }), immediate: false } });
}

/** One invocation: evaluate the records, then settle against the table. */
async function invoke(e: RulesEngine, records: readonly ClassifiedRecord[]): Promise<Alert[]> {
  const direct = records.flatMap((r) => e.evaluate(r));
  return [...direct, ...(await e.settle())];
}

beforeAll(async () => {
  db = await startDynalite();
  restore = useLoopbackAws(db.endpoint);
  resetDynamoClient();
  await db.client.send(
    new CreateTableCommand({
      TableName: TABLE,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'group', AttributeType: 'S' },
        { AttributeName: 'item', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'group', KeyType: 'HASH' },
        { AttributeName: 'item', KeyType: 'RANGE' },
      ],
    }),
  );
  await waitForActiveTable(db.client, TABLE);
  clearRules();
  rule({ logs: ['okta:logevents'], outputs: ['slack:security-alerts'], threshold: { count: 10, within: '5m', by: ['actor.alternateId'] } })(
    function okta_brute_force(rec) {
      return rec.eventType === 'user.session.start' && (rec.outcome as { result?: string }).result === 'FAILURE';
    },
  );
});

afterAll(async () => {
  clearRules();
  resetDynamoClient();
  restore();
  await db.stop();
});

describe('threshold correlation on DynamoDB', () => {
  it('fires once at the 10th failed login within 5 minutes, counted across invocations and clusters, and not at the 9th', async () => {
    const prod = engine('prod');
    const corp = engine('corp');
    // Nine failures, split over three invocations of two clusters' functions.
    expect(await invoke(prod, [1, 2, 3].map((i) => failedLogin(i)))).toEqual([]);
    expect(await invoke(corp, [4, 5, 6].map((i) => failedLogin(i)))).toEqual([]);
    expect(await invoke(prod, [7, 8, 9].map((i) => failedLogin(i)))).toEqual([]);
    // Another user's failures never count for dana.
    expect(await invoke(corp, [1, 2, 3, 4, 5].map((i) => failedLogin(i, 'erin')))).toEqual([]);

    const alerts = await invoke(corp, [failedLogin(10)]);
    expect(alerts.map((a) => a.rule_name)).toEqual(['okta_brute_force']);
    const summary = (alerts[0]?.record as { correlation: { count: number; group: unknown; events: unknown[]; event_ids: string[] } }).correlation;
    expect(summary.count).toBe(10);
    expect(summary.group).toEqual({ 'actor.alternateId': 'dana' });
    expect(summary.event_ids).toHaveLength(10);
    expect(summary.events).toHaveLength(10);
    expect(alerts[0]?.outputs).toEqual(['slack:security-alerts']);

    // The 11th starts counting afresh.
    expect(await invoke(prod, [failedLogin(11)])).toEqual([]);
  });

  it('counts a retried batch once, and gives the same alert again when the batch that fired is retried', async () => {
    const e = engine('prod');
    const batch = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((i) => failedLogin(i, 'frank', 1));
    const first = await invoke(e, batch);
    expect(first).toHaveLength(1);
    // Lambda retries the whole batch (its alerts were maybe not written): the same alert id, which the alert
    // store and its tombstones deduplicate, and no second firing.
    const retried = await invoke(engine('prod'), batch);
    expect(retried.map((a) => a.alert_id)).toEqual([first[0]?.alert_id]);
    // Nine earlier events retried again do not bring the group back to ten.
    expect(await invoke(engine('corp'), batch.slice(0, 9))).toEqual([]);
  });
});
