import { loadConfig } from '../../../../runtime/config';
import { createRecordCounter } from '../../../../cli/process/record-count';
import { DEFAULT_CONF_DIR } from '../../../_helpers/paths';

const count = createRecordCounter(loadConfig(DEFAULT_CONF_DIR));
const source = { service: 's3' as const, resource: 'b' };

describe('counting the log records of an unclassified record', () => {
  it.each([
    ['a CloudTrail file of three events', JSON.stringify({ Records: [{ a: 1 }, { a: 2 }, { a: 3 }] }), 3],
    ['an already decoded CloudTrail value', { Records: [{ a: 1 }, { a: 2 }] }, 2],
    ['a JSON object without a list a json_path finds', JSON.stringify({ a: 1 }), 1],
    ['a plain text line', 'not json at all', 1],
    ['text that starts like JSON but is not', '{"Records": [', 1],
  ])('counts %s as %d', (_name, data, expected) => {
    expect(count({ data, source })).toBe(expected);
  });
});
