import jmespath from 'jmespath';
import { compileJsonPath } from '../../../../runtime/classifier/json-path';
import { ConfigError } from '../../../../runtime/errors';

const origin = { file: 'conf/schemas/x.json', pointer: '/x/configuration/json_path' };
const DATA = [
  { Records: [{ a: 1 }, { a: 2 }] },
  { Records: { a: 1 } },
  { logEvents: [{ message: 'm1' }, { other: 1 }, { message: null }, { message: 'm2' }] },
  { logEvents: [{ extractedFields: { x: 1 } }], nested: { deep: [[1, 2], [3]] } },
  [{ a: 1 }, { a: 2 }],
  'text',
  null,
  { a: { b: [10, 20, 30] } },
];

describe('json_path', () => {
  it.each(['Records[*]', 'logEvents[*].message', 'logEvents[*].extractedFields', '[*]', 'a.b[0]', 'a.b[-1]', 'nested.deep[*][0]', 'Records'])(
    'gives the same result as the jmespath library for %j',
    (expression) => {
      const path = compileJsonPath(expression, origin);
      for (const data of DATA) expect(path(data)).toEqual(jmespath.search(data as never, expression));
    },
  );

  it.each([
    ['$.Records[*]', 'Records[*]'],
    ['$[*]', '[*]'],
  ])('reads the StreamAlert 1.x JSONPath form %j as %j', (written, expression) => {
    for (const data of DATA) expect(compileJsonPath(written, origin)(data)).toEqual(jmespath.search(data as never, expression));
  });

  it('rejects an invalid expression with a configuration error naming the file and pointer', () => {
    expect(() => compileJsonPath('Records[*', origin)).toThrow(ConfigError);
    expect(() => compileJsonPath('Records[*', origin)).toThrow(/conf\/schemas\/x.json: \/x\/configuration\/json_path: is not a valid JMESPath/);
  });
});
