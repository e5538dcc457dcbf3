/**
 * MITRE ATT&CK (Enterprise) techniques that the rules of this project and common cloud, identity and code-hosting
 * detections name: id -> name and tactics (tactic short names as the ATT&CK Navigator writes them). Written from
 * the ATT&CK matrices; a rule naming an id not listed here still counts, under the tactic "unknown".
 */

/** One technique. */
export interface AttackTechnique {
  readonly name: string;
  readonly tactics: readonly string[];
}

const PERSIST_PRIV = ['persistence', 'privilege-escalation'];
const VALID_ACCOUNTS = ['defense-evasion', 'persistence', 'privilege-escalation', 'initial-access'];
const AUTH_PROCESS = ['credential-access', 'defense-evasion', 'persistence'];

/** The tactics in the order of the ATT&CK matrix. */
export const TACTIC_ORDER = [
  'reconnaissance', 'resource-development', 'initial-access', 'execution', 'persistence', 'privilege-escalation', 'defense-evasion',
  'credential-access', 'discovery', 'lateral-movement', 'collection', 'command-and-control', 'exfiltration', 'impact', 'unknown',
] as const;

export const ATTACK_TECHNIQUES: Readonly<Record<string, AttackTechnique>> = {
  T1021: { name: 'Remote Services', tactics: ['lateral-movement'] },
  'T1021.004': { name: 'Remote Services: SSH', tactics: ['lateral-movement'] },
  'T1021.007': { name: 'Remote Services: Cloud Services', tactics: ['lateral-movement'] },
  'T1021.008': { name: 'Remote Services: Direct Cloud VM Connections', tactics: ['lateral-movement'] },
  T1059: { name: 'Command and Scripting Interpreter', tactics: ['execution'] },
  'T1059.009': { name: 'Command and Scripting Interpreter: Cloud API', tactics: ['execution'] },
  T1069: { name: 'Permission Groups Discovery', tactics: ['discovery'] },
  'T1069.003': { name: 'Permission Groups Discovery: Cloud Groups', tactics: ['discovery'] },
  T1070: { name: 'Indicator Removal', tactics: ['defense-evasion'] },
  T1078: { name: 'Valid Accounts', tactics: VALID_ACCOUNTS },
  'T1078.001': { name: 'Valid Accounts: Default Accounts', tactics: VALID_ACCOUNTS },
  'T1078.004': { name: 'Valid Accounts: Cloud Accounts', tactics: VALID_ACCOUNTS },
  'T1087.004': { name: 'Account Discovery: Cloud Account', tactics: ['discovery'] },
  T1098: { name: 'Account Manipulation', tactics: PERSIST_PRIV },
  'T1098.001': { name: 'Account Manipulation: Additional Cloud Credentials', tactics: PERSIST_PRIV },
  'T1098.003': { name: 'Account Manipulation: Additional Cloud Roles', tactics: PERSIST_PRIV },
  'T1098.004': { name: 'Account Manipulation: SSH Authorized Keys', tactics: PERSIST_PRIV },
  'T1098.005': { name: 'Account Manipulation: Device Registration', tactics: PERSIST_PRIV },
  T1110: { name: 'Brute Force', tactics: ['credential-access'] },
  'T1110.001': { name: 'Brute Force: Password Guessing', tactics: ['credential-access'] },
  'T1110.003': { name: 'Brute Force: Password Spraying', tactics: ['credential-access'] },
  'T1110.004': { name: 'Brute Force: Credential Stuffing', tactics: ['credential-access'] },
  'T1114.003': { name: 'Email Collection: Email Forwarding Rule', tactics: ['collection'] },
  'T1136.003': { name: 'Create Account: Cloud Account', tactics: ['persistence'] },
  T1190: { name: 'Exploit Public-Facing Application', tactics: ['initial-access'] },
  T1199: { name: 'Trusted Relationship', tactics: ['initial-access'] },
  T1204: { name: 'User Execution', tactics: ['execution'] },
  'T1213.003': { name: 'Data from Information Repositories: Code Repositories', tactics: ['collection'] },
  T1484: { name: 'Domain or Tenant Policy Modification', tactics: ['defense-evasion', 'privilege-escalation'] },
  T1485: { name: 'Data Destruction', tactics: ['impact'] },
  T1486: { name: 'Data Encrypted for Impact', tactics: ['impact'] },
  T1490: { name: 'Inhibit System Recovery', tactics: ['impact'] },
  T1496: { name: 'Resource Hijacking', tactics: ['impact'] },
  'T1496.001': { name: 'Resource Hijacking: Compute Hijacking', tactics: ['impact'] },
  'T1496.004': { name: 'Resource Hijacking: Cloud Service Hijacking', tactics: ['impact'] },
  T1526: { name: 'Cloud Service Discovery', tactics: ['discovery'] },
  T1530: { name: 'Data from Cloud Storage', tactics: ['collection'] },
  T1531: { name: 'Account Access Removal', tactics: ['impact'] },
  T1537: { name: 'Transfer Data to Cloud Account', tactics: ['exfiltration'] },
  T1538: { name: 'Cloud Service Dashboard', tactics: ['discovery'] },
  'T1546': { name: 'Event Triggered Execution', tactics: PERSIST_PRIV },
  'T1550.001': { name: 'Use Alternate Authentication Material: Application Access Token', tactics: ['defense-evasion', 'lateral-movement'] },
  T1552: { name: 'Unsecured Credentials', tactics: ['credential-access'] },
  'T1552.001': { name: 'Unsecured Credentials: Credentials In Files', tactics: ['credential-access'] },
  'T1552.005': { name: 'Unsecured Credentials: Cloud Instance Metadata API', tactics: ['credential-access'] },
  'T1555.006': { name: 'Credentials from Password Stores: Cloud Secrets Management Stores', tactics: ['credential-access'] },
  T1556: { name: 'Modify Authentication Process', tactics: AUTH_PROCESS },
  'T1556.006': { name: 'Modify Authentication Process: Multi-Factor Authentication', tactics: AUTH_PROCESS },
  'T1556.007': { name: 'Modify Authentication Process: Hybrid Identity', tactics: AUTH_PROCESS },
  'T1556.009': { name: 'Modify Authentication Process: Conditional Access Policies', tactics: AUTH_PROCESS },
  T1562: { name: 'Impair Defenses', tactics: ['defense-evasion'] },
  'T1562.001': { name: 'Impair Defenses: Disable or Modify Tools', tactics: ['defense-evasion'] },
  'T1562.007': { name: 'Impair Defenses: Disable or Modify Cloud Firewall', tactics: ['defense-evasion'] },
  'T1562.008': { name: 'Impair Defenses: Disable or Modify Cloud Logs', tactics: ['defense-evasion'] },
  T1566: { name: 'Phishing', tactics: ['initial-access'] },
  T1567: { name: 'Exfiltration Over Web Service', tactics: ['exfiltration'] },
  'T1567.001': { name: 'Exfiltration Over Web Service: Exfiltration to Code Repository', tactics: ['exfiltration'] },
  'T1567.002': { name: 'Exfiltration Over Web Service: Exfiltration to Cloud Storage', tactics: ['exfiltration'] },
  T1578: { name: 'Modify Cloud Compute Infrastructure', tactics: ['defense-evasion'] },
  'T1578.001': { name: 'Modify Cloud Compute Infrastructure: Create Snapshot', tactics: ['defense-evasion'] },
  'T1578.002': { name: 'Modify Cloud Compute Infrastructure: Create Cloud Instance', tactics: ['defense-evasion'] },
  T1580: { name: 'Cloud Infrastructure Discovery', tactics: ['discovery'] },
  T1606: { name: 'Forge Web Credentials', tactics: ['credential-access'] },
  T1619: { name: 'Cloud Storage Object Discovery', tactics: ['discovery'] },
  T1621: { name: 'Multi-Factor Authentication Request Generation', tactics: ['credential-access'] },
  T1648: { name: 'Serverless Execution', tactics: ['execution'] },
  T1651: { name: 'Cloud Administration Command', tactics: ['execution'] },
  T1666: { name: 'Modify Cloud Resource Hierarchy', tactics: ['defense-evasion'] },
};
