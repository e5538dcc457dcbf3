import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appTypes, getApp } from '../../../../runtime/apps';

describe('app registry', () => {
  it('knows the same app types as the variables.json schema offers', () => {
    const schema = JSON.parse(readFileSync(join(__dirname, '../../../../runtime/config/json-schemas/variables.schema.json'), 'utf8'));
    const offered = schema.definitions.modules.properties.streamalert_apps.additionalProperties.properties.type.enum;
    expect([...offered].sort()).toEqual(appTypes());
  });

  it('names the known types when asked for an unknown one', () => {
    expect(() => getApp('duo_everything')).toThrow(/unknown app type "duo_everything"/);
  });

  it.each(appTypes())('%s declares its credentials with descriptions', (type) => {
    const app = getApp(type);
    expect(app.auth.length).toBeGreaterThan(0);
    for (const property of app.auth) expect(property.description.length).toBeGreaterThan(5);
  });
});
