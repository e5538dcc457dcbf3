import { rule } from '../../../runtime/rules';

/**
 * One Okta user signed in successfully from two or more countries within an hour. VPN egress in another country
 * is the usual benign cause: add the VPN's country to `IGNORED_COUNTRIES` or raise `within` carefully.
 */
const IGNORED_COUNTRIES: readonly string[] = [];

rule<'okta:logevents'>({
  logs: ['okta:logevents'],
  outputs: ['slack:security-alerts'],
  severity: 'high',
  attack: ['T1078.004'],
  threshold: { count: 2, within: '1h', by: ['actor.alternateId'], distinct: 'client.geographicalContext.country' },
})(function okta_impossible_travel(rec) {
  const outcome = (rec.outcome ?? {}) as { result?: string };
  const country = ((rec.client ?? {}) as { geographicalContext?: { country?: string } }).geographicalContext?.country;
  return rec.eventType === 'user.session.start' && outcome.result === 'SUCCESS' && typeof country === 'string' && !IGNORED_COUNTRIES.includes(country);
});
