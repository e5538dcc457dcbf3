/** A current CloudTrail record carrying three keys that neither StreamAlert's v3.5 schema nor ours declares. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOG_TYPE_FIXTURES_DIR, type LogTypeFixture } from './log-type-fixtures';

/** The keys added (as CloudTrail adds fields over time; the values are shaped like the documented ones). */
export const ADDED_KEYS = { inScopeOf: { issuerType: 'AWS::Lambda::Function', credentialsIssuedTo: 'arn:aws:lambda:us-east-1:123456789012:function:example' }, edgeDeviceDetails: { type: 'outposts' }, vpcEndpointAccountId: '123456789012' };

/** The documented EC2 StartInstances event (tests/_fixtures/log-types/aws-json.json) plus {@link ADDED_KEYS}. */
export function driftedCloudTrailEvent(): Record<string, unknown> {
  const fixtures = JSON.parse(readFileSync(join(LOG_TYPE_FIXTURES_DIR, 'aws-json.json'), 'utf8')) as LogTypeFixture[];
  const documented = (fixtures[0].data as { Records: Record<string, unknown>[] }).Records[0];
  return { ...documented, ...ADDED_KEYS };
}
