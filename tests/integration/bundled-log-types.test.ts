/**
 * Every log type in conf/schemas classifies its vendor's documented sample as that type, and no type overlaps
 * another on the whole fixture set except the EventBridge envelope overlaps that priority settles.
 *
 * Sources of the samples (each entry of tests/_fixtures/log-types/*.json names its page; checked with the
 * search tool against the vendors' public documentation, December 2026):
 * - AWS: VPC flow log record examples and available fields; S3 server access log format; ALB access log
 *   entries; CloudFront standard logging reference; WAF logging examples; Route 53 Resolver query log example;
 *   CloudTrail log file examples, record contents (eventVersion 1.0), Insights fields, digest file structure,
 *   CloudWatch Logs delivery; EventBridge CloudTrail, GuardDuty and Security Hub event formats; ASFF.
 * - Okta System Log API LogEvent; GitHub REST "Get the audit log for an organization"; Slack Audit Logs API;
 *   Google Admin SDK Reports API activities; Zeek log formats (conn, dns, http, ssl in JSON); Suricata EVE
 *   JSON format (alert, flow); Duo Admin API (administrator logs v1, authentication logs v1 and v2); OneLogin
 *   Events API v1; osquery logging (differential event and batch, snapshot, status); Carbon Black EDR event
 *   forwarder events and IBM QRadar's Carbon Black samples; Packetbeat flow fields; Squid native log format;
 *   pam_unix syslog tags and rsyslog RFC 3339 timestamps.
 * - tests/_fixtures/log-types/current-formats.json: today's formats (issue 23 point 6). Carbon Black EDR records as
 *   cb-event-forwarder 3.8 writes them, read from its source (pkg/protobufmessageprocessor's ProcessEvent, NetworkV2Event
 *   and NetconEvent, with and without use_time_float; pkg/jsonmessageprocessor's fix-ups of the EDR server's
 *   watchlist alerts, from its test/raw_data samples); Box admin_logs entries per the Box API's Event resource.
 * - Rule fixtures of rules/ for binaryalert, fleet:results, ghe:general, packetbeat:dns, trendmicro and two
 *   carbonblack types: not re-checked against vendor documentation here.
 */
import { describe, expect, it } from '@jest/globals';
import { createClassifier } from '../../runtime/classifier';
import { loadConfig } from '../../runtime/config';
import { fixtureText, ruleFixtures, vendorFixtures, type LogTypeFixture } from '../_helpers/log-type-fixtures';
import { DEFAULT_CONF_DIR } from '../_helpers/paths';

const config = loadConfig(DEFAULT_CONF_DIR);
const classifier = createClassifier(config);
const declared = classifier.logTypes;
const vendor = vendorFixtures();
const covered = new Set(vendor.map((f) => f.log));
const fromRules = ruleFixtures().filter((f) => !covered.has(f.log));
const fixtures: readonly LogTypeFixture[] = [...vendor, ...fromRules];

/**
 * Types that also accept another type's samples, and why the classifier still decides one way (docs/records.md, "When a
 * record fits two log types"): an EventBridge event is also a `cloudwatch:events` record, and the finding types
 * have priority 5, so they are tried first; a Fleet result is also an osquery differential result, and
 * `fleet:results` is exact (extra_keys reject) where `osquery:differential` is tolerant, so it is tried first.
 */
const SETTLED_OVERLAPS: Readonly<Record<string, readonly string[]>> = {
  'fleet:results': ['osquery:differential'],
  'guardduty:findings': ['cloudwatch:events'],
  'securityhub:findings': ['cloudwatch:events'],
};

function classifyAs(fixture: LogTypeFixture, candidates: readonly string[]) {
  return classifier.classify({ data: fixtureText(fixture), source: { service: 's3', resource: 'fixtures' } }, candidates);
}

const named = fixtures.map((f) => [`${f.log} <- ${f.source.slice(0, 90)}`, f] as const);

describe('bundled log types on their vendors\' documented samples', () => {
  it('has a sample for every declared log type, and a vendor sample for all but a few', () => {
    const sampled = new Set(fixtures.map((f) => f.log));
    expect(declared.filter((t) => !sampled.has(t))).toEqual([]);
    expect(fixtures.every((f) => declared.includes(f.log))).toBe(true);
    expect([...new Set(fromRules.map((f) => f.log))].sort()).toEqual([
      'binaryalert',
      'carbonblack:feed.ingress.hit.process',
      'carbonblack:ingress.event.processblock',
      'fleet:results',
      'ghe:general',
      'packetbeat:dns',
      'trendmicro:malwareevent',
    ]);
  });

  it.each(named)('classifies %s as that type against every declared type', (_name, fixture) => {
    const outcome = classifyAs(fixture, declared);
    if (!outcome.ok) throw new Error(`${fixture.log}: ${outcome.unclassified.reason}: ${JSON.stringify(outcome.unclassified.candidates.filter((c) => c.log_type === fixture.log))}`);
    expect(outcome.log_type).toBe(fixture.log);
    expect(outcome.rejected ?? []).toEqual([]);
    expect(outcome.records.length).toBeGreaterThan(0);
  });

  it('has no two types accepting the same sample, beyond the overlaps priority settles', () => {
    const overlaps: Record<string, Set<string>> = {};
    for (const fixture of fixtures) {
      for (const other of declared) {
        if (other === fixture.log || !classifyAs(fixture, [other]).ok) continue;
        (overlaps[fixture.log] ??= new Set()).add(other);
      }
    }
    expect(Object.fromEntries(Object.entries(overlaps).map(([k, v]) => [k, [...v].sort()]))).toEqual(SETTLED_OVERLAPS);
  });
});
