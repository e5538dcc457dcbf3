// Generates the mixed benchmark corpus in memory: JSON lines shaped like the StreamAlert v3.5.0 test events
// (CloudTrail, osquery, CloudWatch events, Duo, GitHub Enterprise, Packetbeat, OneLogin) with varied values,
// plus CSV, key/value and syslog lines. Deterministic (seeded), so runs compare.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function eventFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return eventFiles(path);
    return name.endsWith('.json') ? [path] : [];
  });
}

/** A small seeded random generator (mulberry32). */
function random(seed) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Replaces placeholder and id-like strings with fresh values, so no two lines are the same. */
function vary(value, rnd) {
  if (typeof value === 'string') {
    if (value === '...' || /^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(value)) return rnd().toString(36).slice(2, 12);
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => vary(v, rnd));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, vary(v, rnd)]));
  return value;
}

const ip = (rnd) => `10.${Math.floor(rnd() * 256)}.${Math.floor(rnd() * 256)}.${Math.floor(rnd() * 256)}`;
const pick = (rnd, list) => list[Math.floor(rnd() * list.length)];

/** The share of each kind of line in the corpus. */
export const MIX = [
  ['cloudtrail:events', 0.25],
  ['osquery:differential', 0.2],
  ['cloudwatch:events', 0.1],
  ['duo:authentication', 0.05],
  ['ghe:general', 0.05],
  ['packetbeat:dns', 0.025],
  ['onelogin:events', 0.025],
  ['webcsv:access', 0.15],
  ['fwkv:traffic', 0.1],
  ['hostsys:auth', 0.05],
];

/**
 * @param {string} eventsDir StreamAlert v3.5.0 test events
 * @param {number} count lines to generate
 * @returns {{ line: string, logType: string }[]}
 */
export function generateCorpus(eventsDir, count) {
  const samples = new Map();
  for (const file of eventFiles(eventsDir)) {
    for (const event of JSON.parse(readFileSync(file, 'utf8'))) {
      if (!event.data || typeof event.data !== 'object') continue;
      const key = event.log;
      if (!samples.has(key)) samples.set(key, []);
      samples.get(key).push({ data: event.data, logType: event.log });
    }
  }
  const rnd = random(42);
  const generators = {
    'webcsv:access': () =>
      `${1700000000 + Math.floor(rnd() * 1e6)}|web-${Math.floor(rnd() * 50)}|${pick(rnd, ['GET', 'POST', 'PUT'])}|/api/v1/items/${Math.floor(rnd() * 1e5)}|${pick(rnd, [200, 200, 200, 404, 500])}|${Math.floor(rnd() * 1e5)}|${(rnd() * 2).toFixed(4)}|${ip(rnd)}`,
    'fwkv:traffic': () =>
      `ts=${1700000000 + Math.floor(rnd() * 1e6)} src=${ip(rnd)} dst=${ip(rnd)} dport=${pick(rnd, [22, 80, 443, 3389])} proto=${pick(rnd, ['tcp', 'udp'])} action=${pick(rnd, ['allow', 'deny'])} msg="${pick(rnd, ['policy match', 'default rule', 'geo block'])} id=${Math.floor(rnd() * 1e6)}"`,
    'hostsys:auth': () =>
      `Jan ${String(1 + Math.floor(rnd() * 28)).padStart(2, ' ')} 12:${String(Math.floor(rnd() * 60)).padStart(2, '0')}:05 host-${Math.floor(rnd() * 99)} sshd[${Math.floor(rnd() * 65535)}]: Accepted publickey for user${Math.floor(rnd() * 500)} from ${ip(rnd)} port 22 ssh2`,
  };
  const lines = [];
  for (const [key, share] of MIX) {
    const n = Math.round(count * share);
    const gen = generators[key];
    const pool = samples.get(key);
    if (!gen && !pool) throw new Error(`no sample events for ${key}`);
    for (let i = 0; i < n; i++) {
      if (gen) lines.push({ line: gen(), logType: key });
      else {
        const sample = pool[i % pool.length];
        lines.push({ line: JSON.stringify(vary(sample.data, rnd)), logType: sample.logType });
      }
    }
  }
  // Interleave the kinds as a real mixed stream would.
  for (let i = lines.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [lines[i], lines[j]] = [lines[j], lines[i]];
  }
  return lines;
}

/** Families measured on their own by the handler and process benchmarks: their log types and generator keys. */
export const FAMILIES = {
  cloudtrail: [['cloudtrail:events', 1]],
  osquery: [['osquery:differential', 1]],
  kv: [['fwkv:traffic', 1]],
  syslog: [['hostsys:auth', 1]],
  mixed: MIX,
};

/**
 * How a record is made to alert (the bench rules in bench/rules/ look for exactly this), per log type.
 * Records of other log types never alert; the mixed corpus raises its rate on the markable ones to compensate.
 */
const MARKERS = {
  'cloudtrail:events': (line, hit) => {
    const value = JSON.parse(line);
    for (const r of value.Records) r.eventName = hit ? 'StopLogging' : r.eventName === 'StopLogging' ? 'DescribeTrails' : r.eventName;
    return JSON.stringify(value);
  },
  'osquery:differential': (line, hit) => {
    const value = JSON.parse(line);
    value.name = hit ? 'pack_bench_alert' : value.name === 'pack_bench_alert' ? 'pack_bench' : value.name;
    return JSON.stringify(value);
  },
  'fwkv:traffic': (line, hit) => (hit ? line.replace(/action=\w+/, 'action=alert') : line),
  'hostsys:auth': (line, hit) => (hit ? line.replace('Accepted publickey', 'Failed password') : line),
};

/**
 * One family's corpus: `count` lines of its log types, where about `alertRate` of the records carry what
 * a bench rule alerts on.
 * @returns {{ line: string, logType: string, alert: boolean }[]}
 */
export function generateFamily(eventsDir, family, count, alertRate) {
  const mix = FAMILIES[family];
  const lines = family === 'mixed' ? generateCorpus(eventsDir, count) : generateOne(eventsDir, mix[0][0], count);
  const markable = mix.filter(([key]) => MARKERS[key]).reduce((sum, [, share]) => sum + share, 0);
  const rate = alertRate / markable;
  const rnd = random(7);
  return lines.map(({ line, logType }) => {
    const mark = MARKERS[logType];
    if (!mark) return { line, logType, alert: false };
    const hit = rnd() < rate;
    return { line: mark(line, hit), logType, alert: hit };
  });
}

function generateOne(eventsDir, logType, count) {
  const saved = MIX.splice(0, MIX.length, [logType, 1]);
  try {
    return generateCorpus(eventsDir, count);
  } finally {
    MIX.splice(0, MIX.length, ...saved);
  }
}
