import { fnmatchToRegExp } from '../../../../runtime/classifier/log-patterns';
import { classifierWith, classify, only, reasonFor } from './classifier-helpers';

describe('log_patterns', () => {
  it.each([
    ['alert.*', 'alert.watchlist', true],
    ['alert.*', 'ingress.alert', false],
    ['1.*.*', '1.0.2', true],
    ['?at', 'cat', true],
    ['[ch]at', 'hat', true],
    ['[!ch]at', 'hat', false],
    ['a+b', 'a+b', true],
    ['CONTROL', 'control', false],
  ])('fnmatch %j against %j is %s', (pattern, text, expected) => {
    expect(fnmatchToRegExp(pattern).test(text)).toBe(expected);
  });

  const classifier = classifierWith({
    'cb:procstart': {
      parser: 'json',
      schema: { type: 'string', process: { name: 'string' } },
      configuration: { log_patterns: { type: ['ingress.event.procstart', 'ingress.event.proc*'], process: { name: ['*.exe'] } } },
    },
    'cw:control': {
      parser: 'json',
      schema: { id: 'string' },
      configuration: {
        json_path: 'logEvents[*]',
        envelope_keys: { messageType: 'string' },
        log_patterns: { 'streamalert:envelope_keys': { messageType: ['CONTROL_MESSAGE'] } },
      },
    },
  });

  it('matches when every field matches one of its patterns, nested fields included', () => {
    expect(only(classify(classifier, { type: 'ingress.event.procstart', process: { name: 'cmd.exe' } }))).toMatchObject({ type: 'ingress.event.procstart' });
  });

  it('rejects a record whose field matches none of its patterns, naming them', () => {
    const outcome = classify(classifier, { type: 'ingress.event.netconn', process: { name: 'cmd.exe' } }, ['cb:procstart']);
    expect(reasonFor(outcome, 'cb:procstart')).toBe(
      'log_patterns: field "type" value "ingress.event.netconn" matches none of ["ingress.event.procstart","ingress.event.proc*"]',
    );
  });

  it('checks nested patterns too', () => {
    const outcome = classify(classifier, { type: 'ingress.event.procstart', process: { name: 'sh' } }, ['cb:procstart']);
    expect(reasonFor(outcome, 'cb:procstart')).toMatch(/field "process.name" value "sh"/);
  });

  it('checks envelope patterns against the envelope', () => {
    const control = { messageType: 'CONTROL_MESSAGE', logEvents: [{ id: '1' }] };
    expect(classify(classifier, control, ['cw:control']).ok).toBe(true);
    const data = { ...control, messageType: 'DATA_MESSAGE' };
    expect(reasonFor(classify(classifier, data, ['cw:control']), 'cw:control')).toMatch(/field "streamalert:envelope_keys.messageType"/);
  });
});
