import { rule } from '../../../runtime/rules';

/** Five or more Duo pushes to one user declined within 10 minutes: push bombing, hoping the user accepts one. */
rule<'duo:authentication'>({
  logs: ['duo:authentication'],
  outputs: ['slack:security-alerts'],
  severity: 'high',
  attack: ['T1621'],
  threshold: { count: 5, within: '10m', by: ['username'] },
})(function duo_push_fatigue(rec) {
  return String(rec.result).toLowerCase() === 'denied' && String(rec.factor).includes('push');
});
