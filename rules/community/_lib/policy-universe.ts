/**
 * "Is this resource policy open to the internet?", decided as the policyuniverse 1.3.2.3 library that
 * StreamAlert's `cloudtrail_public_resources` rule used (`Policy(doc).is_internet_accessible()`): a statement
 * is open when it allows, its conditions (if any) do not pin the caller down, and its principal is `*`, an
 * ARN with account `*` or no account, or it uses NotPrincipal. Shapes the library raised on throw here too.
 */
import { RecordShapeError, py } from '../../../runtime/rules';

type Entry = { readonly category: string; readonly value: unknown };

/** Condition keys that limit who can call, by the kind of value they hold. */
const CONDITION_KEYS: Readonly<Record<string, string>> = {
  'aws:sourcearn': 'arn',
  'aws:sourceowner': 'account',
  'aws:sourceaccount': 'account',
  'aws:principalorgid': 'org-id',
  'kms:calleraccount': 'account',
  'aws:userid': 'userid',
  'aws:sourceip': 'cidr',
  'aws:sourcevpc': 'vpc',
  'aws:sourcevpce': 'vpce',
};

// Python's re.match anchors at the start only, so longer operator names match too.
const CONDITION_OPERATORS = [
  /^((ForAllValues|ForAnyValue):)?ARN(Equals|Like)(IfExists)?/i,
  /^((ForAllValues|ForAnyValue):)?String(Equals|Like)(IgnoreCase)?(IfExists)?/i,
  /^((ForAllValues|ForAnyValue):)?IpAddress(IfExists)?/i,
];

// Python's `$` also matches before a final newline; `\d` is any Unicode digit; `.` is anything but \n.
const ARN = /^arn:([^:]*):([^:]*):([^:]*):(|\*|\p{Nd}{12}|cloudfront|aws):([^\n]+)\n?$/u;
const ACCOUNT = /^(\p{Nd}{12})+\n?$/u;
const SERVICE = /^(([^.]+)([^\n][^.]+)?)\.amazon(aws)?\.com\n?$/u;
const INTERNAL_SERVICE = /^([^.]+)[^\n]aws[^\n]internal\n?$/u;

function text(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new RecordShapeError('TypeError', `${what}: expected string, got ${JSON.stringify(value)}`);
  return value;
}

function conditionEntries(statement: unknown): Entry[] {
  const condition = py.get(statement, 'Condition');
  if (!py.truthy(condition)) return [];
  if (!py.isDict(condition)) throw new RecordShapeError('AttributeError', 'a Condition that is not an object has no keys()');
  const entries: Entry[] = [];
  for (const operator of Object.keys(condition)) {
    if (!CONDITION_OPERATORS.some((re) => re.test(operator))) continue;
    const block = py.item(condition, operator);
    if (!py.isDict(block)) throw new RecordShapeError('AttributeError', `condition ${operator} is not an object`);
    for (const [key, value] of Object.entries(block)) {
      if (!Array.isArray(value) && operator.toLowerCase().startsWith('for')) continue;
      const category = CONDITION_KEYS[key.toLowerCase()];
      if (category === undefined) continue;
      for (const v of Array.isArray(value) ? value : [value]) entries.push({ category, value: v ?? null });
    }
  }
  return entries;
}

function principals(statement: unknown): unknown[] {
  const principal = py.get(statement, 'Principal');
  if (!py.truthy(principal)) return [];
  const found: unknown[] = [];
  const add = (value: unknown): void => {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (!py.isHashable(v)) throw new RecordShapeError('TypeError', 'unhashable principal');
      if (!found.some((f) => py.eq(f, v))) found.push(v ?? null);
    }
  };
  if (py.isDict(principal)) {
    if (py.contains(principal, 'AWS')) add(principal.AWS);
    if (py.contains(principal, 'Service')) add(principal.Service);
  } else add(principal);
  return found;
}

function actionsAreHashable(statement: unknown): void {
  const actions = py.get(statement, 'Action');
  if (!py.truthy(actions)) return;
  for (const a of Array.isArray(actions) ? actions : [actions]) {
    if (!py.isHashable(a)) throw new RecordShapeError('TypeError', 'unhashable action');
  }
}

function arnIsOpen(input: unknown): boolean {
  if (input === '*') return true;
  const arn = text(input, 'principal');
  const match = ARN.exec(arn);
  if (match) {
    if (match[2] === 's3') return false;
    return match[4] === '' || match[4] === '*';
  }
  if (ACCOUNT.test(arn)) return false;
  if (SERVICE.test(arn) || INTERNAL_SERVICE.test(arn)) return false;
  return arn.includes('*');
}

function conditionEntryIsOpen(entry: Entry): boolean {
  if (entry.category === 'arn') return arnIsOpen(entry.value);
  if (entry.category === 'userid') {
    const userid = text(entry.value, 'aws:userid');
    const star = userid.indexOf('*');
    if (star < 0) throw new RecordShapeError('ValueError', 'substring not found');
    return star !== userid.length - 1;
  }
  if (entry.category === 'cidr') return py.endsWith(entry.value, '/0');
  return py.contains(entry.value, '*');
}

/** A parsed statement: its parts are read up front, as the library's constructor did. */
interface Statement {
  readonly effect: unknown;
  readonly conditions: Entry[];
  readonly principals: unknown[];
  readonly notPrincipal: boolean;
}

function parseStatement(raw: unknown): Statement {
  const conditions = conditionEntries(raw);
  const found = principals(raw);
  actionsAreHashable(raw);
  return { effect: py.get(raw, 'Effect'), conditions, principals: found, notPrincipal: py.contains(raw, 'NotPrincipal') };
}

function statementIsOpen(s: Statement): boolean {
  if (!py.eq(s.effect, 'Allow')) return false;
  if (s.conditions.length > 0 && !s.conditions.some(conditionEntryIsOpen)) return false;
  if (s.notPrincipal) return true;
  return s.principals.some(arnIsOpen);
}

/**
 * True when a policy document (a parsed object) lets anyone on the internet in.
 * @throws RecordShapeError where policyuniverse raised (a document that is not an object, ...)
 */
export function isInternetAccessible(policy: unknown): boolean {
  const statement = py.get(policy, 'Statement', []);
  const statements = (Array.isArray(statement) ? statement : [statement]).map((s: unknown) => parseStatement(s ?? null));
  return statements.some(statementIsOpen);
}
