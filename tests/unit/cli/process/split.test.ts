import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { ReadIssue } from '../../../../runtime/classifier/payloads';
import type { RawRecord } from '../../../../runtime/classifier';
import { fileChunks, isSplittable } from '../../../../cli/process/split';
import { chunkRecords, type LinesTask } from '../../../../cli/process/tasks';
import { makeTempDir } from '../../../_helpers/temp-dir';

const dir = makeTempDir();
const write = (name: string, content: string | Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const LINES = Array.from({ length: 500 }, (_, i) => JSON.stringify({ n: i, pad: 'x'.repeat(i % 37) })).join('\n');
const source = { service: 's3' as const, resource: 'f' };

describe('splitting a large file for worker threads', () => {
  it.each([
    ['JSON lines', true, LINES],
    ['plain text lines', true, 'a=1 b=2\n'.repeat(400)],
    ['a pretty-printed JSON document', false, JSON.stringify({ Records: Array.from({ length: 200 }, (_, i) => ({ i })) }, null, 2)],
    ['gzip data', false, gzipSync(LINES)],
    ['a file smaller than two chunks', false, '{"a":1}\n'],
  ])('decides whether to split %s: %s', (_name, expected, content) => {
    const path = write(`s-${String(expected)}-${Math.random()}`, content);
    const size = Buffer.byteLength(content);
    expect(isSplittable(path, size, 1024)).toBe(expected);
  });

  it('cuts at line breaks only, numbering each chunk from its first line in the file', () => {
    const path = write('lines.jsonl', `${LINES}\nlast line without a break`);
    const chunks = [...fileChunks({ path, name: 'lines.jsonl', source, chunkBytes: 1000, maxLineBytes: 1 << 20, report: () => {} })];
    expect(chunks.length).toBeGreaterThan(5);
    expect(Buffer.concat(chunks.map((c) => Buffer.from(c.bytes))).toString()).toBe(readFileSync(path, 'utf8'));
    let line = 1;
    for (const chunk of chunks.slice(0, -1)) {
      expect(chunk.firstLine).toBe(line);
      expect(chunk.bytes[chunk.bytes.length - 1]).toBe(0x0a);
      line += Buffer.from(chunk.bytes).toString().split('\n').length - 1;
    }
  });

  it('reports a line longer than the cap and goes on after it', () => {
    const path = write('long.jsonl', `{"a":1}\n${'y'.repeat(5000)}\n{"a":3}\n`);
    const issues: ReadIssue[] = [];
    const chunks = [...fileChunks({ path, name: 'long.jsonl', source, chunkBytes: 1024, maxLineBytes: 2048, report: (i) => issues.push(i) })];
    expect(issues).toEqual([expect.objectContaining({ code: 'LineTooLong', reason: expect.stringContaining('line 2 is 5000 bytes') })]);
    const text = chunks.map((c) => Buffer.from(c.bytes).toString()).join('');
    expect(text).toBe('{"a":1}\n{"a":3}\n');
    expect(chunks[chunks.length - 1].firstLine).toBe(3);
  });
});

describe('records of a chunk', () => {
  const task = (text: string | Buffer, firstLine: number): LinesTask => ({ kind: 'lines', name: 'f', source, firstLine, bytes: Buffer.from(text) });
  const read = (t: LinesTask): { records: RawRecord[]; issues: ReadIssue[] } => {
    const records: RawRecord[] = [];
    const issues: ReadIssue[] = [];
    chunkRecords(t, 100, (i) => issues.push(i), (r) => records.push(...r));
    return { records, issues };
  };

  it('numbers lines from the chunk start, skips blank lines and removes a trailing CR', () => {
    const { records } = read(task('a\r\n\n  \nb\nc', 41));
    expect(records).toEqual([
      { data: 'a', source: { ...source, location: 'line 41' } },
      { data: 'b', source: { ...source, location: 'line 44' } },
      { data: 'c', source: { ...source, location: 'line 45' } },
    ]);
  });

  it('drops the byte order mark of line 1 only', () => {
    expect(read(task('\uFEFFa\n', 1)).records[0].data).toBe('a');
    expect(read(task('\uFEFFa\n', 2)).records[0].data).toBe('\uFEFFa');
  });

  it.each([
    ['an invalid UTF-8 line', Buffer.from([0x61, 0x0a, 0xff, 0xfe, 0x0a]), 'InvalidUtf8', 'line 8 is not valid UTF-8'],
    ['an overlong line', `a\n${'z'.repeat(101)}\n`, 'LineTooLong', 'line 8 is 101 bytes'],
  ])('reports %s with its line number and keeps the others', (_name, text, code, reason) => {
    const { records, issues } = read(task(text, 7));
    expect(records.map((r) => r.data)).toEqual(['a']);
    expect(issues).toEqual([expect.objectContaining({ level: 'error', code, reason: expect.stringContaining(reason) })]);
  });
});
