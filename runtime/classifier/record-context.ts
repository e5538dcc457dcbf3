/**
 * What the parsers share while one raw record is tried against many schemas: its text, its JSON parse and
 * the results of other parses (CSV per dialect, KV per delimiter...), each computed at most once.
 * Parsers never mutate what they get from here, so one parse serves every candidate.
 */
import { errorMessage } from '../errors';
import { parseJsonExact } from '../json';
import type { Result } from './types';

const decoder = new TextDecoder('utf-8', { fatal: true });

function firstNonSpace(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') return c;
  }
  return '';
}

/** Lazily computed views of one raw record. */
export class RecordContext {
  private textResult?: Result<string>;
  private jsonResult?: Result<unknown>;
  private memos?: Map<string, unknown>;

  constructor(readonly data: unknown) {}

  /** The record as text: a string as is, bytes decoded as strict UTF-8; a failure for decoded JSON values. */
  text(): Result<string> {
    if (this.textResult) return this.textResult;
    const data = this.data;
    if (typeof data === 'string') this.textResult = { ok: true, value: data };
    else if (data instanceof Uint8Array) {
      try {
        this.textResult = { ok: true, value: decoder.decode(data) };
      } catch {
        this.textResult = { ok: false, reason: `data is not valid UTF-8 (${data.byteLength} bytes)` };
      }
    } else this.textResult = { ok: false, reason: 'data is already a decoded JSON value, not text' };
    return this.textResult;
  }

  /** The record as a JSON value: text parsed once, or the already-decoded value. */
  json(): Result<unknown> {
    if (this.jsonResult) return this.jsonResult;
    const data = this.data;
    if (typeof data !== 'string' && !(data instanceof Uint8Array)) {
      this.jsonResult = { ok: true, value: data };
      return this.jsonResult;
    }
    const text = this.text();
    if (!text.ok) {
      this.jsonResult = text;
      return text;
    }
    // Only a JSON object or list can hold records: skip the (throwing) parse of CSV, KV or syslog text.
    const first = firstNonSpace(text.value);
    if (first !== '{' && first !== '[') {
      this.jsonResult = { ok: false, reason: `not a JSON object or list (starts with ${JSON.stringify(text.value.slice(0, 20))})` };
      return this.jsonResult;
    }
    try {
      this.jsonResult = { ok: true, value: parseJsonExact(text.value) };
    } catch (err) {
      this.jsonResult = { ok: false, reason: `not valid JSON (${errorMessage(err)})` };
    }
    return this.jsonResult;
  }

  /** `compute()` once per record and `key` (a parser and its options). */
  memo<T>(key: string, compute: () => T): T {
    if (!this.memos) this.memos = new Map();
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const value = compute();
    this.memos.set(key, value);
    return value;
  }
}
