// Extra log types of the benchmark (beside every StreamAlert v3.5.0 schema): a pipe-delimited CSV access log,
// a key/value firewall log and a syslog type, so every parser is measured.
export const BENCH_SCHEMAS = {
  'webcsv:access': {
    parser: 'csv',
    schema: { time: 'integer', host: 'string', method: 'string', path: 'string', status: 'integer', bytes: 'integer', latency: 'float', client: 'ipaddress' },
    configuration: { delimiter: '|' },
  },
  'fwkv:traffic': {
    parser: 'kv',
    schema: { ts: 'integer', src: 'ipaddress', dst: 'ipaddress', dport: 'integer', proto: 'string', action: 'string', msg: 'string' },
    configuration: { normalization: { source_address: ['src'], destination_address: ['dst'] } },
  },
  'hostsys:auth': {
    parser: 'syslog',
    schema: { timestamp: 'string', host: 'string', application: 'string', message: 'string' },
  },
};
