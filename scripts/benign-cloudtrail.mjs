// A generated benign CloudTrail day (issue 22): many principals and a normal API mix, no attack, so that a backtest
// of the detection library over it measures false positives. Seeded: the same arguments always give the same bytes.
//   node scripts/benign-cloudtrail.mjs <out file> [events=20000] [seed=7]
// Writes one CloudTrail log file ({"Records": [...]}, as CloudTrail delivers to S3), events in time order.
import { writeFileSync } from 'node:fs';

const [out, countText = '20000', seedText = '7'] = process.argv.slice(2);
if (!out) {
  console.error('usage: node scripts/benign-cloudtrail.mjs <out file> [events] [seed]');
  process.exit(2);
}
const ACCOUNT = '123456789012';
const DAY = Date.parse('2026-01-05T00:00:00Z');

/** mulberry32: a small seeded generator (determinism, not quality, is what matters here). */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = random(Number(seedText));
const pick = (list) => list[Math.floor(rand() * list.length)];
const hex = (n) => Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join('');

const humans = Array.from({ length: 40 }, (_, i) => ({ type: 'IAMUser', arn: `arn:aws:iam::${ACCOUNT}:user/engineer${i}`, accountId: ACCOUNT, userName: `engineer${i}`, principalId: `AIDA${hex(16).toUpperCase()}`, ip: `198.51.100.${10 + i}` }));
const ops = humans.slice(0, 6);
const apps = ['billing', 'search', 'checkout', 'reports', 'chat-app', 'ingest', 'mailer', 'auth', 'catalog', 'pricing'].map((name, i) => ({
  type: 'AssumedRole', arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${name}/${name}-task`, accountId: ACCOUNT, principalId: `AROA${hex(16).toUpperCase()}:${name}-task`,
  sessionContext: { sessionIssuer: { type: 'Role', arn: `arn:aws:iam::${ACCOUNT}:role/${name}`, userName: name } }, name, ip: `10.0.2.${20 + i}`,
}));
const instances = Array.from({ length: 12 }, (_, i) => {
  const id = `i-0${hex(16)}`;
  return { type: 'AssumedRole', arn: `arn:aws:sts::${ACCOUNT}:assumed-role/web-node/${id}`, accountId: ACCOUNT, principalId: `AROAWEBNODE:${id}`, id, ip: `10.0.1.${10 + i}` };
});
const ci = { type: 'AssumedRole', arn: `arn:aws:sts::${ACCOUNT}:assumed-role/ci-deploy/build`, accountId: ACCOUNT, principalId: 'AROACIDEPLOY:build', ip: '10.0.3.5' };

function identity(p) {
  const { ip: _ip, name: _name, id: _id, ...rest } = p;
  return rest;
}

/** [weight, principal chooser, event builder]. */
const MIX = [
  [30, () => pick([...humans, ...apps, ...instances]), () => [...pick([['ec2.amazonaws.com', 'DescribeInstances'], ['ec2.amazonaws.com', 'DescribeSecurityGroups'], ['iam.amazonaws.com', 'GetUser'], ['s3.amazonaws.com', 'ListBuckets'], ['lambda.amazonaws.com', 'ListFunctions20150331'], ['cloudwatch.amazonaws.com', 'GetMetricData'], ['logs.amazonaws.com', 'DescribeLogGroups'], ['rds.amazonaws.com', 'DescribeDBInstances']]), {}]],
  [15, () => pick([...apps, ...instances]), () => ['s3.amazonaws.com', pick(['GetObject', 'PutObject', 'HeadObject']), { bucketName: pick(['acme-assets', 'acme-uploads', 'acme-reports']), key: `k/${hex(8)}` }]],
  [6, () => pick([...apps, ...instances, ...humans]), () => ['sts.amazonaws.com', 'AssumeRole', { roleArn: `arn:aws:iam::${ACCOUNT}:role/${pick(['reader', 'deployer', 'support'])}`, roleSessionName: `s-${hex(6)}` }]],
  [6, () => pick(apps), (p) => ['secretsmanager.amazonaws.com', 'GetSecretValue', { secretId: `prod/${p.name}/${pick(['db', 'api-key', 'signing'])}` }]],
  [6, () => pick(apps), (p) => ['ssm.amazonaws.com', 'GetParameter', { name: `/prod/${p.name}/${pick(['db-url', 'token', 'flag-a', 'flag-b', 'endpoint'])}`, withDecryption: true }]],
  [8, () => pick([...apps, ...instances]), () => ['kms.amazonaws.com', pick(['Decrypt', 'GenerateDataKey']), { keyId: 'alias/acme' }]],
  [3, () => pick(humans), () => ['signin.amazonaws.com', 'ConsoleLogin', null, { ConsoleLogin: 'Success' }, { eventType: 'AwsConsoleSignIn', additionalEventData: { MFAUsed: 'Yes', LoginTo: 'https://console.aws.amazon.com/' } }]],
  [1, () => ci, () => ['ec2.amazonaws.com', 'RunInstances', { instanceType: pick(['t3.medium', 'm5.large', 'c6g.xlarge', 'r6i.2xlarge']), instancesSet: { items: [{ imageId: 'ami-0abc', minCount: 1, maxCount: 2 }] } }]],
  [1, () => pick(ops), () => ['ec2.amazonaws.com', 'AuthorizeSecurityGroupIngress', { groupId: `sg-${hex(8)}`, ipPermissions: { items: [{ ipProtocol: 'tcp', fromPort: 443, toPort: 443, ipRanges: { items: [{ cidrIp: pick(['10.0.0.0/16', '172.16.0.0/12', '198.51.100.0/24']) }] } }] } }]],
  [1, () => pick(ops), () => ['ssm.amazonaws.com', 'StartSession', { target: pick(instances).id }]],
  [1, () => pick(ops), () => ['ssm.amazonaws.com', 'SendCommand', { documentName: 'AWS-RunShellScript', instanceIds: [pick(instances).id] }]],
  [1, () => ci, () => ['lambda.amazonaws.com', pick(['UpdateFunctionCode20150331v2', 'PublishVersion20150331']), { functionName: pick(['billing', 'mailer', 'thumbs']) }]],
  [1, () => ci, () => ['lambda.amazonaws.com', 'AddPermission20150331v2', { functionName: 'thumbs', principal: 's3.amazonaws.com', sourceAccount: ACCOUNT, action: 'lambda:InvokeFunction' }]],
  [1, () => ci, () => ['iam.amazonaws.com', 'CreatePolicyVersion', { policyArn: `arn:aws:iam::${ACCOUNT}:policy/app-${pick(['a', 'b'])}`, setAsDefault: rand() < 0.2 }]],
  [1, () => pick(humans), (p) => ['iam.amazonaws.com', 'CreateAccessKey', { userName: p.userName }]],
  [1, () => apps[4], () => ['bedrock.amazonaws.com', pick(['InvokeModel', 'Converse']), { modelId: 'anthropic.claude-3-haiku' }]],
  [1, () => pick(ops), () => ['ec2.amazonaws.com', 'DescribeInstanceAttribute', { instanceId: pick(instances).id, attribute: pick(['instanceType', 'disableApiTermination', 'groupSet']) }]],
  [1, () => pick(apps), () => ['ec2.amazonaws.com', 'GetPasswordData', { instanceId: pick(instances).id }], 'skip'],
];
const active = MIX.filter((m) => m[3] !== 'skip');
const total = active.reduce((s, m) => s + m[0], 0);

const count = Number(countText);
const times = Array.from({ length: count }, () => DAY + Math.floor(rand() * 86_400_000)).sort((a, b) => a - b);
const records = times.map((t, n) => {
  let r = rand() * total;
  const [, choose, build] = active.find((m) => (r -= m[0]) < 0) ?? active[0];
  const p = choose();
  const [eventSource, eventName, params = {}, response = null, extra = {}] = build(p);
  const failed = eventName !== 'ConsoleLogin' && rand() < 0.03;
  return {
    eventVersion: '1.09',
    userIdentity: identity(p),
    eventTime: new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    eventSource,
    eventName,
    awsRegion: 'us-east-1',
    sourceIPAddress: p.ip,
    userAgent: p.type === 'IAMUser' ? 'aws-cli/2.15.0' : 'aws-sdk-js/3.600.0',
    requestParameters: params,
    responseElements: response,
    ...(failed ? { errorCode: 'AccessDenied', errorMessage: 'User is not authorized to perform this operation' } : {}),
    requestID: `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`,
    eventID: `${n.toString(16).padStart(8, '0')}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`,
    readOnly: /^(Describe|Get|List|Head)/.test(eventName),
    eventType: 'AwsApiCall',
    managementEvent: eventSource !== 's3.amazonaws.com',
    recipientAccountId: ACCOUNT,
    ...extra,
  };
});
writeFileSync(out, JSON.stringify({ Records: records }));
console.error(`wrote ${records.length} benign CloudTrail events of ${new Date(DAY).toISOString().slice(0, 10)} to ${out}`);
