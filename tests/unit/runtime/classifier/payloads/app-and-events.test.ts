import { cloudWatchLogsEvent, kinesisEvent, read, sqsEvent } from './_events';

const LOG_GROUP = '/aws/lambda/acme_prod_streamalert_rules';

describe('streamalert app payload reader', () => {
  it('reads each log as an already-decoded record named by app and index', async () => {
    const { records, issues } = await read({ streamalert_app: 'acme_corp_duo_auth_app', logs: [{ user: 'a' }, { user: 'b' }] });
    expect(issues).toEqual([]);
    expect(records).toEqual([
      { data: { user: 'a' }, source: { service: 'streamalert_app', resource: 'acme_corp_duo_auth_app', location: 'logs[0]' } },
      { data: { user: 'b' }, source: { service: 'streamalert_app', resource: 'acme_corp_duo_auth_app', location: 'logs[1]' } },
    ]);
  });

  it('reports logs that are not a list', async () => {
    const { records, issues } = await read({ streamalert_app: 'app', logs: 'oops' });
    expect(records).toEqual([]);
    expect(issues).toEqual([expect.objectContaining({ code: 'Malformed', reason: 'streamalert_app app: "logs" must be a list, got string' })]);
  });
});

describe('cloudwatch logs payload reader', () => {
  it('reads each log event message, named by log group, stream and event id', async () => {
    const event = cloudWatchLogsEvent({
      messageType: 'DATA_MESSAGE',
      owner: '123456789012',
      logGroup: LOG_GROUP,
      logStream: '2024/01/01/[$LATEST]abc',
      subscriptionFilters: ['f'],
      logEvents: [
        { id: 'e1', timestamp: 1, message: '{"level":"ERROR"}' },
        { id: 'e2', timestamp: 2, message: 'plain line' },
      ],
    });
    const { records, issues } = await read(event);
    expect(issues).toEqual([]);
    expect(records).toEqual([
      { data: '{"level":"ERROR"}', source: { service: 'cloudwatch_logs', resource: LOG_GROUP, location: '2024/01/01/[$LATEST]abc/e1' } },
      { data: 'plain line', source: { service: 'cloudwatch_logs', resource: LOG_GROUP, location: '2024/01/01/[$LATEST]abc/e2' } },
    ]);
  });

  it('skips the CONTROL_MESSAGE', async () => {
    const event = cloudWatchLogsEvent({ messageType: 'CONTROL_MESSAGE', logGroup: '', logStream: '', logEvents: [{ id: '', message: 'CWL CONTROL MESSAGE: Checking health of destination Kinesis stream.' }] });
    const { records, issues } = await read(event);
    expect(records).toEqual([]);
    expect(issues).toEqual([expect.objectContaining({ level: 'info', code: 'Skipped', reason: expect.stringContaining('CONTROL_MESSAGE') })]);
  });

  it('reports data that is not gzip JSON', async () => {
    const { issues } = await read({ awslogs: { data: Buffer.from('not json').toString('base64') } });
    expect(issues).toEqual([expect.objectContaining({ code: 'Malformed', reason: 'cloudwatch logs payload: awslogs.data is not gzip JSON' })]);
  });
});

describe('readEvent', () => {
  it('reads a mixed batch record by record', async () => {
    const kinesis = kinesisEvent('s', 'from kinesis') as { Records: unknown[] };
    const sqs = sqsEvent('q', 'from sqs') as { Records: unknown[] };
    const { records } = await read({ Records: [...kinesis.Records, ...sqs.Records] });
    expect(records.map((r) => `${r.source.service}:${r.data as string}`)).toEqual(['kinesis:from kinesis', 'sqs:from sqs']);
  });

  it.each([
    ['a string', 'hello', /event is not a JSON object/],
    ['null', null, /event is not a JSON object: null/],
    ['an object of no known shape', { foo: 1 }, /event has no Records, streamalert_app or awslogs \(keys: foo\)/],
  ])('reports %s as a malformed event, never throwing', async (_name, event, reason) => {
    const { records, issues } = await read(event);
    expect(records).toEqual([]);
    expect(issues).toEqual([expect.objectContaining({ level: 'error', code: 'Malformed', reason: expect.stringMatching(reason) })]);
  });

  it('reports a record of an unsupported service and reads the others', async () => {
    const kinesis = kinesisEvent('s', 'ok') as { Records: unknown[] };
    const { records, issues } = await read({ Records: [{ eventSource: 'aws:dynamodb' }, 42, ...kinesis.Records] });
    expect(records.map((r) => r.data)).toEqual(['ok']);
    expect(issues.map((i) => i.reason)).toEqual(['Records[0]: unsupported event source "aws:dynamodb"', 'Records[1]: unsupported event source null']);
  });
});
