import { rule } from '../../../runtime/rules';

/** The parts of an EventBridge event these rules read. */
interface EventBridgeEvent {
  readonly source?: unknown;
  readonly 'detail-type'?: unknown;
  readonly detail?: unknown;
}

/** The GuardDuty finding of an EventBridge event (cloudwatch:events), or undefined. */
function guardDutyFinding(rec: EventBridgeEvent): { severity?: number; type?: string } | undefined {
  if (rec.source !== 'aws.guardduty' || rec['detail-type'] !== 'GuardDuty Finding') return undefined;
  return (rec.detail ?? {}) as { severity?: number; type?: string };
}

/** The Security Hub findings of an EventBridge event (cloudwatch:events). */
function securityHubFindings(rec: EventBridgeEvent): { Severity?: { Label?: string }; RecordState?: string; Workflow?: { Status?: string } }[] {
  if (rec.source !== 'aws.securityhub') return [];
  const findings = ((rec.detail ?? {}) as { findings?: unknown }).findings;
  return Array.isArray(findings) ? findings : [];
}

const activeAt = (labels: readonly string[]) => (rec: EventBridgeEvent) =>
  securityHubFindings(rec).some((f) => labels.includes(f.Severity?.Label ?? '') && f.RecordState !== 'ARCHIVED' && f.Workflow?.Status !== 'SUPPRESSED');

/** A GuardDuty finding of high severity (7.0 and above): pages. */
rule<'cloudwatch:events'>({ logs: ['cloudwatch:events'], outputs: ['pagerduty-v2:security-oncall'], severity: 'high', dedup: ['detail.id', 'detail.updatedAt'] })(
  function guardduty_finding_high(rec) {
    const finding = guardDutyFinding(rec);
    return finding !== undefined && Number(finding.severity) >= 7;
  },
);

/** A GuardDuty finding of medium severity (4.0 to 6.9): to the security channel. */
rule<'cloudwatch:events'>({ logs: ['cloudwatch:events'], outputs: ['slack:security-alerts'], severity: 'medium', dedup: ['detail.id', 'detail.updatedAt'] })(
  function guardduty_finding_medium(rec) {
    const finding = guardDutyFinding(rec);
    return finding !== undefined && Number(finding.severity) >= 4 && Number(finding.severity) < 7;
  },
);

/** An active Security Hub finding labelled CRITICAL or HIGH: pages. */
rule<'cloudwatch:events'>({ logs: ['cloudwatch:events'], outputs: ['pagerduty-v2:security-oncall'], severity: 'high', dedup: ['id'] })(function securityhub_finding_high(rec) {
  return activeAt(['CRITICAL', 'HIGH'])(rec);
});

/** An active Security Hub finding labelled MEDIUM: to the security channel. */
rule<'cloudwatch:events'>({ logs: ['cloudwatch:events'], outputs: ['slack:security-alerts'], severity: 'medium', dedup: ['id'] })(function securityhub_finding_medium(rec) {
  return activeAt(['MEDIUM'])(rec);
});
