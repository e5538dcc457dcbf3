/** docs/outputs.md lists every output service with the properties it declares (names, secret, optional). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import '../../../runtime/outputs/all';
import { getOutput, outputServices } from '../../../runtime/outputs/registry';
import { REPO_ROOT } from '../../_helpers/paths';

const page = readFileSync(join(REPO_ROOT, 'docs', 'outputs.md'), 'utf8');
const doc = page.slice(page.indexOf('## Properties each service needs')).split(/\n## /)[0] ?? '';
const rows = new Map(
  doc
    .split('\n')
    .filter((line) => /^\| `[a-z0-9-]+` \|/.test(line))
    .map((line) => {
      const [service = '', properties = ''] = line.split('|').slice(1, 3).map((c) => c.trim());
      return [service.replace(/`/g, ''), properties] as const;
    }),
);

describe('docs/outputs.md', () => {
  it.each(outputServices().sort())('lists the properties of %s as the output declares them', (service) => {
    const output = getOutput(service);
    const row = rows.get(service);
    expect(row).toBeDefined();
    const expected = output?.resourceInConfig
      ? 'none: `outputs.json` maps the descriptor'
      : (output?.properties ?? []).map((p) => `\`${p.name}\`${p.secret ? ' (secret)' : ''}${p.required === false ? ' (optional)' : ''}`).join(', ') || 'none';
    expect(row?.startsWith(expected)).toBe(true);
  });
});
