import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { CommandContext } from '../../../../cli/context';
import { createIo } from '../../../../cli/io';
import { readFixtureFile } from '../../../../cli/testing/fixtures';
import { GENERATED_BANNER, fieldTypeToTs, interfaceName, writeRecordTypes } from '../../../../cli/testing/record-types';
import ts from 'typescript';
import { commentText, scaffoldRule, singleQuoted } from '../../../../cli/testing/scaffold';
import { DEFAULT_CONF_DIR } from '../../../_helpers/paths';
import { makeTempDir } from '../../../_helpers/temp-dir';

function context(): CommandContext {
  const io = createIo({ stdout: new PassThrough(), stderr: new PassThrough(), color: false });
  return { globals: { config: DEFAULT_CONF_DIR, json: false, debug: false, color: false }, io };
}

describe('streamalert rule new', () => {
  it('writes a rule named by its function and a fixture for a source that carries the log type', () => {
    const dir = makeTempDir();
    expect(scaffoldRule(context(), { name: 'new_duo_rule', log: 'duo:authentication', dir })).toBe(0);
    const source = readFileSync(join(dir, 'new_duo_rule.ts'), 'utf8');
    expect(source).toMatch(/rule<'duo:authentication'>\(\{ logs: \['duo:authentication'\]/);
    expect(source).toMatch(/function new_duo_rule\(rec\)/);
    const { events, problems } = readFixtureFile(join(dir, 'new_duo_rule.json'));
    expect(problems).toEqual([]);
    expect(events.map((e) => [e.service, e.source, e.expectedRules])).toEqual([
      ['streamalert_app', 'acme_corp_duo_auth_app', ['new_duo_rule']],
      ['streamalert_app', 'acme_corp_duo_auth_app', []],
    ]);
  });

  it.each([
    [{ name: 'Bad-Name', log: 'duo:authentication' }, /snake_case/],
    [{ name: 'ok_name', log: 'nope:never' }, /unknown log type "nope:never"/],
  ])('refuses %p', (options, message) => {
    expect(() => scaffoldRule(context(), { ...options, dir: makeTempDir() })).toThrow(message);
  });

  it('writes a description safely: text that would close the comment stays inside it', () => {
    const dir = makeTempDir();
    const description = 'looks fine */ process.exit(1); /* and\na second line';
    scaffoldRule(context(), { name: 'escaped_rule', log: 'duo:authentication', dir, description });
    const source = readFileSync(join(dir, 'escaped_rule.ts'), 'utf8');
    expect(source).toContain('/** looks fine *\\/ process.exit(1); /* and a second line */');
    const compiled = ts.transpileModule(source, { reportDiagnostics: true, compilerOptions: { removeComments: true } });
    expect(compiled.diagnostics).toEqual([]);
    expect(compiled.outputText).not.toContain('process.exit');
  });

  it.each([
    ["it's", "it\\'s"],
    ['a\\b\nc', 'a\\\\b\\nc'],
  ])('escapes %j for a single-quoted string as %j', (text, escaped) => {
    expect(singleQuoted(text)).toBe(escaped);
    expect(commentText('x */ y')).toBe('x *\\/ y');
  });

  it('never overwrites an existing rule', () => {
    const dir = makeTempDir();
    scaffoldRule(context(), { name: 'twice', log: 'osquery:differential', dir });
    expect(() => scaffoldRule(context(), { name: 'twice', log: 'osquery:differential', dir })).toThrow(/already exists/);
  });
});

describe('streamalert types generate', () => {
  it.each([
    ['string', 'string'],
    ['integer', 'number'],
    ['float', 'number'],
    ['boolean', 'boolean'],
    [{}, 'Record<string, unknown>'],
    [[], 'unknown[]'],
    [{ a: 'string', 'b-c': 'integer' }, '{\n    readonly a: string;\n    readonly "b-c": number;\n  }'],
  ])('maps the schema type %p to %p', (type, expected) => {
    expect(fieldTypeToTs(type as never, '  ')).toBe(expected);
  });

  it('names interfaces after log types', () => {
    expect(interfaceName('carbonblack:ingress.event.procstart')).toBe('CarbonblackIngressEventProcstartRecord');
  });

  it('writes a banner, one interface per log type and the LogTypes map', () => {
    const out = join(makeTempDir(), 'types.generated.d.ts');
    writeRecordTypes(context(), { out });
    const text = readFileSync(out, 'utf8');
    expect(existsSync(out)).toBe(true);
    expect(text.startsWith(GENERATED_BANNER)).toBe(true);
    expect(text).toMatch(/export interface CloudtrailEventsRecord \{[^}]*readonly eventName: string;/);
    expect(text).toMatch(/interface LogTypes \{\n(?:.*\n)*\s+"cloudtrail:events": CloudtrailEventsRecord;/);
    expect(text).toMatch(/readonly 'streamalert:envelope_keys'\?: \{/);
  });
});
