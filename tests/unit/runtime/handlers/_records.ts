/** Sample log records that the bundled conf/ schemas classify, for the handler tests. */

/** An `osquery:differential` record. */
export function osquery(host = 'host-1'): Record<string, unknown> {
  return { name: 'pack/incident/users', hostIdentifier: host, calendarTime: 'Mon Jan  1 00:00:00 2024 UTC', unixTime: 1704067200, action: 'added', columns: { username: 'eve' } };
}

/** A CloudTrail event (`cloudtrail:events` through `Records[*]`). */
export function cloudtrailEvent(name: string): Record<string, unknown> {
  return {
    eventVersion: '1.08',
    eventID: `id-${name}`,
    eventTime: '2024-01-01T00:00:00Z',
    eventType: 'AwsApiCall',
    eventSource: 'iam.amazonaws.com',
    eventName: name,
    awsRegion: 'us-east-1',
    recipientAccountId: '123456789012',
    userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::123456789012:user/eve' },
    sourceIPAddress: '198.51.100.7',
  };
}
