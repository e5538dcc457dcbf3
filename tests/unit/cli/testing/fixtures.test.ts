import { describe, expect, it } from '@jest/globals';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadFixtures } from '../../../../cli/testing/fixtures';
import { makeTempDir } from '../../../_helpers/temp-dir';

const V3_EVENT = {
  description: 'a v3 event',
  log: 'duo:authentication',
  service: 'streamalert_app',
  source: 'app',
  trigger_rules: ['r1'],
  data: { when: '<helper:now>' },
};

function folderWith(files: Record<string, string>): string {
  const dir = makeTempDir();
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('fixture loading', () => {
  it('reads a v3 list of events, filling time helpers', () => {
    const dir = folderWith({ 'a.json': JSON.stringify([V3_EVENT]) });
    const loaded = loadFixtures([dir], 1_700_000_000_000);
    expect(loaded.problems).toEqual([]);
    expect(loaded.events).toEqual([
      expect.objectContaining({ format: 'v3', index: 0, log: 'duo:authentication', expectedRules: ['r1'], data: { when: '1700000000' } }),
    ]);
  });

  it('reads a 1.x {"records": [...]} file with trigger, trigger_count and compress', () => {
    const record = { data: 'x', description: 'old style', service: 'kinesis', source: 's', trigger: true, trigger_count: 2, compress: true };
    const dir = folderWith({ 'old.json': JSON.stringify({ records: [record] }) });
    const [event] = loadFixtures([dir]).events;
    expect(event).toEqual(expect.objectContaining({ format: '1.x', expectTrigger: true, triggerCount: 2, compress: true, log: undefined }));
  });

  it('reads override_record, classify_only and lookup tables', () => {
    const event = { ...V3_EVENT, data: undefined, trigger_rules: undefined, classify_only: true, override_record: { a: 1 }, test_fixtures: { lookup_tables: { t: { k: [1] } } } };
    const dir = folderWith({ 'o.json': JSON.stringify([event]) });
    const [loaded] = loadFixtures([dir]).events;
    expect(loaded).toEqual(expect.objectContaining({ classifyOnly: true, overrideRecord: { a: 1 }, lookupTables: { t: { k: [1] } } }));
  });

  it.each([
    ['bad JSON', 'bad.json', '[{"description": ', /bad\.json$/, /not valid JSON/],
    ['a JSON document that is not a fixture', 'obj.json', '{"hello": 1}', /obj\.json$/, /not a test fixture/],
    ['a missing key', 'missing.json', JSON.stringify([{ ...V3_EVENT, log: undefined }]), /missing\.json$/, /missing or invalid key: log/],
    ['a missing trigger_rules', 'nort.json', JSON.stringify([{ ...V3_EVENT, trigger_rules: undefined }]), /nort\.json$/, /trigger_rules \(or classify_only: true\)/],
    ['an unknown service', 'svc.json', JSON.stringify([{ ...V3_EVENT, service: 'ftp' }]), /svc\.json$/, /unknown service "ftp"/],
    ['an unknown time helper', 'helper.json', JSON.stringify([{ ...V3_EVENT, data: { t: '<helper:soon>' } }]), /helper\.json$/, /unknown time helper <helper:soon>/],
  ])('reports %s as an error naming the file and the reason', (_what, name, text, file, reason) => {
    const dir = folderWith({ [name]: text, 'good.json': JSON.stringify([V3_EVENT]) });
    const loaded = loadFixtures([dir]);
    expect(loaded.events).toHaveLength(1);
    expect(loaded.problems).toEqual([expect.objectContaining({ level: 'error', file: expect.stringMatching(file), reason: expect.stringMatching(reason) })]);
  });

  it('keeps the good events of a file that has one bad event', () => {
    const dir = folderWith({ 'mixed.json': JSON.stringify([V3_EVENT, { description: 'no keys' }, V3_EVENT]) });
    const loaded = loadFixtures([dir]);
    expect(loaded.events.map((e) => e.index)).toEqual([0, 2]);
    expect(loaded.problems).toEqual([expect.objectContaining({ index: 1 })]);
  });

  it('warns about a stray .DS_Store, skips rule sources, and reports a missing path', () => {
    const dir = folderWith({ '.DS_Store': '\u0000\u0001bud1', 'rule.ts': 'export {}', 'sub/a.json': JSON.stringify([V3_EVENT]) });
    const loaded = loadFixtures([dir, join(dir, 'nope')]);
    expect(loaded.events).toHaveLength(1);
    expect(loaded.problems).toEqual([
      expect.objectContaining({ level: 'warn', file: expect.stringMatching(/\.DS_Store$/), reason: expect.stringMatching(/not a fixture/) }),
      expect.objectContaining({ level: 'error', file: expect.stringMatching(/nope$/), reason: 'no such file or folder' }),
    ]);
  });
});
