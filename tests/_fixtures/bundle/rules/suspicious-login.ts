/** Fixture rule: its function name must survive minification. */
export function suspicious_root_login(record: Readonly<Record<string, unknown>>): boolean {
  return record.user === 'root' && record.result === 'success';
}
