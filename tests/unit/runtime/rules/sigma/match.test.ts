import { cloudtrailDetection } from '../../../../_helpers/sigma';

const rec = (fields: Record<string, unknown>) => ({ eventName: 'CreateUser', eventSource: 'iam.amazonaws.com', ...fields });

describe('sigma detection matching', () => {
  it.each([
    ['a plain value matches case-insensitively', 'sel:\n  eventName: createuser\ncondition: sel', rec({}), true],
    ['a plain value does not match a substring', 'sel:\n  eventName: Create\ncondition: sel', rec({}), false],
    ['|cased matches case-sensitively', 'sel:\n  eventName|cased: createuser\ncondition: sel', rec({}), false],
    ['|cased matches the exact case', 'sel:\n  eventName|cased: CreateUser\ncondition: sel', rec({}), true],
    ['* matches any run of characters', "sel:\n  eventName: 'Create*'\ncondition: sel", rec({}), true],
    ['? matches one character', "sel:\n  eventName: 'CreateUse?'\ncondition: sel", rec({}), true],
    ['an escaped \\* is a literal star', "sel:\n  eventName: 'Create\\*'\ncondition: sel", rec({ eventName: 'Create*' }), true],
    ['an escaped \\* does not act as a wildcard', "sel:\n  eventName: 'Create\\*'\ncondition: sel", rec({}), false],
    ['an escaped \\? is a literal question mark', "sel:\n  eventName: 'what\\?'\ncondition: sel", rec({ eventName: 'what?' }), true],
    ['|contains finds a substring', 'sel:\n  eventName|contains: EATEU\ncondition: sel', rec({}), true],
    ['|startswith', 'sel:\n  eventName|startswith: create\ncondition: sel', rec({}), true],
    ['|endswith', 'sel:\n  eventName|endswith: USER\ncondition: sel', rec({}), true],
    ['|endswith does not match a prefix', 'sel:\n  eventName|endswith: Create\ncondition: sel', rec({}), false],
    ['|contains with a wildcard inside', "sel:\n  eventName|contains: 'at*Us'\ncondition: sel", rec({}), true],
    ['a list of values is OR', 'sel:\n  eventName:\n    - DeleteUser\n    - CreateUser\ncondition: sel', rec({}), true],
    ['|all makes a list AND (all present)', 'sel:\n  eventName|contains|all:\n    - Create\n    - User\ncondition: sel', rec({}), true],
    ['|all makes a list AND (one missing)', 'sel:\n  eventName|contains|all:\n    - Create\n    - Role\ncondition: sel', rec({}), false],
    ['a map is AND (one field differs)', 'sel:\n  eventName: CreateUser\n  eventSource: s3.amazonaws.com\ncondition: sel', rec({}), false],
    ['a list of maps is OR', 'sel:\n  - eventName: DeleteUser\n  - eventSource: iam.amazonaws.com\ncondition: sel', rec({}), true],
    ['null matches a missing field', 'sel:\n  errorCode: null\ncondition: sel', rec({}), true],
    ['null matches a null field', 'sel:\n  errorCode: null\ncondition: sel', rec({ errorCode: null }), true],
    ['null does not match a present field', 'sel:\n  errorCode: null\ncondition: sel', rec({ errorCode: 'AccessDenied' }), false],
    ['an empty string matches an empty value', "sel:\n  errorCode: ''\ncondition: sel", rec({ errorCode: '' }), true],
    ['|exists: true on a present field', 'sel:\n  errorCode|exists: true\ncondition: sel', rec({ errorCode: 'x' }), true],
    ['|exists: false on a missing field', 'sel:\n  errorCode|exists: false\ncondition: sel', rec({}), true],
    ['|exists: true on a missing field', 'sel:\n  errorCode|exists: true\ncondition: sel', rec({}), false],
    ['|re searches', "sel:\n  eventName|re: 'ate.s'\ncondition: sel", rec({}), true],
    ['|re is case-sensitive by default', "sel:\n  eventName|re: '^create'\ncondition: sel", rec({}), false],
    ['|re|i ignores case', "sel:\n  eventName|re|i: '^create'\ncondition: sel", rec({}), true],
    ['|re|m makes ^ match after a newline', "sel:\n  userAgent|re|m: '^evil'\ncondition: sel", rec({ userAgent: 'ok\nevil' }), true],
    ['|re without m anchors ^ at the start only', "sel:\n  userAgent|re: '^evil'\ncondition: sel", rec({ userAgent: 'ok\nevil' }), false],
    ['|re|s lets . match a newline', "sel:\n  userAgent|re|s: 'ok.evil'\ncondition: sel", rec({ userAgent: 'ok\nevil' }), true],
    ['|cidr matches an address in the range', "sel:\n  sourceIPAddress|cidr: '10.0.0.0/8'\ncondition: sel", rec({ sourceIPAddress: '10.2.3.4' }), true],
    ['|cidr matches IPv6', "sel:\n  sourceIPAddress|cidr: '2001:db8::/32'\ncondition: sel", rec({ sourceIPAddress: '2001:db8::1' }), true],
    ['|cidr does not match outside', "sel:\n  sourceIPAddress|cidr: '10.0.0.0/8'\ncondition: sel", rec({ sourceIPAddress: '11.2.3.4' }), false],
    ['|cidr does not match a host name', "sel:\n  sourceIPAddress|cidr: '10.0.0.0/8'\ncondition: sel", rec({ sourceIPAddress: 'ec2.amazonaws.com' }), false],
    ['|gt on a number', 'sel:\n  count|gt: 5\ncondition: sel', rec({ count: 6 }), true],
    ['|gt on an equal number', 'sel:\n  count|gt: 5\ncondition: sel', rec({ count: 5 }), false],
    ['|gte on an equal number', 'sel:\n  count|gte: 5\ncondition: sel', rec({ count: 5 }), true],
    ['|lt on a numeric string', 'sel:\n  count|lt: 5\ncondition: sel', rec({ count: '4' }), true],
    ['|lte on a non-number', 'sel:\n  count|lte: 5\ncondition: sel', rec({ count: 'four' }), false],
    ['|base64 matches the encoded value', 'sel:\n  userAgent|base64: evil\ncondition: sel', rec({ userAgent: Buffer.from('evil').toString('base64') }), true],
    ['|base64offset|contains at offset 0', 'sel:\n  userAgent|base64offset|contains: /bin/sh\ncondition: sel', rec({ userAgent: Buffer.from('/bin/sh -c id').toString('base64') }), true],
    ['|base64offset|contains at offset 1', 'sel:\n  userAgent|base64offset|contains: /bin/sh\ncondition: sel', rec({ userAgent: Buffer.from('x/bin/sh -c id').toString('base64') }), true],
    ['|base64offset|contains at offset 2', 'sel:\n  userAgent|base64offset|contains: /bin/sh\ncondition: sel', rec({ userAgent: Buffer.from('xy/bin/sh -c id').toString('base64') }), true],
    ['|base64offset|contains on other text', 'sel:\n  userAgent|base64offset|contains: /bin/sh\ncondition: sel', rec({ userAgent: Buffer.from('/usr/bin/python').toString('base64') }), false],
    ['|windash matches a slash for a dash', "sel:\n  userAgent|windash|contains: ' -enc'\ncondition: sel", rec({ userAgent: 'powershell /enc AAA' }), true],
    ['|windash matches an en dash', "sel:\n  userAgent|windash|contains: ' -enc'\ncondition: sel", rec({ userAgent: 'powershell \u2013enc AAA' }), true],
    ['|windash still matches the dash', "sel:\n  userAgent|windash|contains: ' -enc'\ncondition: sel", rec({ userAgent: 'powershell -enc AAA' }), true],
    ['|fieldref compares two fields (equal)', 'sel:\n  requestParameters.userName|fieldref: userIdentity.userName\ncondition: sel', rec({ requestParameters: { userName: 'dana' }, userIdentity: { userName: 'dana' } }), true],
    ['|fieldref compares two fields (different)', 'sel:\n  requestParameters.userName|fieldref: userIdentity.userName\ncondition: sel', rec({ requestParameters: { userName: 'bob' }, userIdentity: { userName: 'dana' } }), false],
    ['|fieldref|startswith', 'sel:\n  requestParameters.roleArn|fieldref|startswith: userIdentity.arn\ncondition: sel', rec({ requestParameters: { roleArn: 'arn:x/role' }, userIdentity: { arn: 'arn:x' } }), true],
    ['a value in an array field matches any element', 'sel:\n  resources: arn:aws:s3:::b\ncondition: sel', rec({ resources: ['arn:aws:s3:::a', 'arn:aws:s3:::b'] }), true],
    ['a field inside lists is found in any element', "sel:\n  requestParameters.ipPermissions.items.ipRanges.items.cidrIp: '0.0.0.0/0'\ncondition: sel", rec({ requestParameters: { ipPermissions: { items: [{ ipRanges: { items: [{ cidrIp: '10.0.0.0/8' }] } }, { ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] } }] } } }), true],
    ['a field inside lists that no element has', "sel:\n  requestParameters.ipPermissions.items.ipRanges.items.cidrIp: '0.0.0.0/0'\ncondition: sel", rec({ requestParameters: { ipPermissions: { items: [{ ipRanges: { items: [{ cidrIp: '10.0.0.0/8' }] } }] } } }), false],
    ['a number matches its text', 'sel:\n  code: 4688\ncondition: sel', rec({ code: '4688' }), true],
    ['a boolean matches its text', "sel:\n  flag: 'true'\ncondition: sel", rec({ flag: true }), true],
    ['keywords search every string of the record', "keywords:\n  - 'iam.amazon'\ncondition: keywords", rec({}), true],
    ['keywords search nested values', "keywords:\n  - 'secret-bucket'\ncondition: keywords", rec({ requestParameters: { bucketName: 'my-secret-bucket' } }), true],
    ['keywords that appear nowhere', "keywords:\n  - 'nothing-like-this'\ncondition: keywords", rec({}), false],
  ])('%s', (_name, detection, record, expected) => {
    expect(cloudtrailDetection(detection)(record)).toBe(expected);
  });

  const sels = 'sel_a:\n  eventName: CreateUser\nsel_b:\n  eventSource: iam.amazonaws.com\nfilter:\n  errorCode: AccessDenied\n_private:\n  eventName: Nothing\n';
  it.each([
    ['sel_a and sel_b', rec({}), true],
    ['sel_a and not filter', rec({ errorCode: 'AccessDenied' }), false],
    ['sel_a and not filter', rec({}), true],
    ['sel_a or filter', rec({ eventName: 'X', errorCode: 'AccessDenied' }), true],
    ['not sel_a', rec({}), false],
    ['(sel_a or filter) and sel_b', rec({ eventName: 'X', errorCode: 'AccessDenied' }), true],
    ['sel_a or filter and sel_b', rec({ eventSource: 'x', eventName: 'CreateUser' }), true],
    ['(sel_a or filter) and not sel_b', rec({}), false],
    ['1 of sel_*', rec({ eventName: 'X' }), true],
    ['all of sel_*', rec({ eventName: 'X' }), false],
    ['all of sel_*', rec({}), true],
    ['1 of them', rec({ eventName: 'X', eventSource: 'x' }), false],
    ['all of them', rec({ errorCode: 'AccessDenied' }), true],
    ['not 1 of sel_* and filter', rec({ eventName: 'X', eventSource: 'x', errorCode: 'AccessDenied' }), true],
    ['NOT sel_a AND sel_b', rec({ eventName: 'X' }), true],
  ])('condition "%s"', (condition, record, expected) => {
    expect(cloudtrailDetection(`${sels}condition: ${condition}`)(record)).toBe(expected);
  });

  it('"all of them" leaves out selections whose names start with _', () => {
    const matchAll = cloudtrailDetection(`${sels}condition: all of them`);
    // _private (eventName: Nothing) can never hold together with sel_a; it is not part of "them".
    expect(matchAll(rec({ errorCode: 'AccessDenied' }))).toBe(true);
  });

  it('reads EventBridge CloudTrail events under detail', () => {
    const match = cloudtrailDetection('sel:\n  eventName: CreateUser\ncondition: sel', 'cloudwatch:events');
    expect(match({ 'detail-type': 'AWS API Call via CloudTrail', detail: { eventName: 'CreateUser' } })).toBe(true);
    expect(match({ eventName: 'CreateUser', detail: {} })).toBe(false);
  });

  it('never matches a log type the rule was not compiled for', () => {
    expect(cloudtrailDetection('sel:\n  eventName: CreateUser\ncondition: sel', 'osquery:differential')(rec({}))).toBe(false);
  });
});
