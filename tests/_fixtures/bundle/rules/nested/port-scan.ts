/** Fixture rule in a subfolder. */
export function port_scan_detected(record: Readonly<Record<string, unknown>>): boolean {
  return typeof record.ports === 'number' && record.ports > 100;
}
