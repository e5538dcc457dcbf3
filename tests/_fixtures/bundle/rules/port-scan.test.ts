import { port_scan_detected } from './nested/port-scan';

// Not a rule: test files are left out of the bundle.
describe('fixture rule', () => {
  it('flags many ports', () => {
    expect(port_scan_detected({ ports: 200 })).toBe(true);
  });
});
