import { classifierWith, classify, only, reasonFor } from './classifier-helpers';

describe('syslog parser', () => {
  const syslog = classifierWith({
    'host:syslog': { parser: 'syslog', schema: { timestamp: 'string', host: 'string', application: 'string', message: 'string' } },
  });

  it.each([
    ['Jan 10 19:35:33 vagrant-ubuntu sudo: session opened for root', ['Jan 10 19:35:33', 'vagrant-ubuntu', 'sudo', 'session opened for root']],
    ['Jan 10 19:35:13 web-1.example.com sshd[13941]: Accepted key for mike', ['Jan 10 19:35:13', 'web-1.example.com', 'sshd', 'Accepted key for mike']],
    ['Feb  3 04:05:06 db systemd-logind[1]: New session', ['Feb  3 04:05:06', 'db', 'systemd-logind', 'New session']],
    ['<38>Mar 12 00:00:01 mx1 postfix/smtpd[99]: connect from a[1.2.3.4]', ['Mar 12 00:00:01', 'mx1', 'postfix/smtpd', 'connect from a[1.2.3.4]']],
    ['Jan 10 19:35:49 host sshd(pam_unix)[1234]: session opened for user root', ['Jan 10 19:35:49', 'host', 'sshd(pam_unix)', 'session opened for user root']],
    ['2024-05-01T12:00:00.123456+00:00 web-1 sudo: alice : TTY=pts/0', ['2024-05-01T12:00:00.123456+00:00', 'web-1', 'sudo', 'alice : TTY=pts/0']],
  ])('splits %j into timestamp, host, application and message', (line, [timestamp, host, application, message]) => {
    expect(only(classify(syslog, line))).toEqual({ timestamp, host, application, message });
  });

  it('rejects a line that is not syslog', () => {
    expect(reasonFor(classify(syslog, 'hello world'), 'host:syslog')).toMatch(/not a syslog line/);
  });
});
