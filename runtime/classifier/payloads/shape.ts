/** Small guards for reading untyped event JSON without casts scattered through the readers. */

/** A plain JSON object. */
export type JsonObject = Record<string, unknown>;

/** True for a non-null, non-array object. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The string at `obj[key]`, or undefined. */
export function stringAt(obj: JsonObject, key: string): string | undefined {
  const value = obj[key];
  return typeof value === 'string' ? value : undefined;
}

/** The object at `obj[key]`, or undefined. */
export function objectAt(obj: JsonObject, key: string): JsonObject | undefined {
  const value = obj[key];
  return isObject(value) ? value : undefined;
}

/** The last `:`- or `/`-separated part of an ARN (stream, queue or topic name), or the ARN itself. */
export function nameFromArn(arn: string | undefined, kind: 'stream' | 'queue' | 'topic'): string | undefined {
  if (arn === undefined || arn === '') return undefined;
  if (kind === 'stream') {
    // arn:aws:kinesis:us-east-1:123456789012:stream/<name>
    const slash = arn.indexOf(':stream/');
    if (slash !== -1) return arn.slice(slash + ':stream/'.length).split('/')[0];
  }
  const parts = arn.split(':');
  // arn:aws:sns:<region>:<account>:<topic>[:<subscription id>] / arn:aws:sqs:<region>:<account>:<queue>
  return parts.length >= 6 ? parts[5] : arn;
}

/** Parses JSON text, or returns undefined (the caller decides what a non-JSON text means). */
export function tryParseJson(text: string): unknown {
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
