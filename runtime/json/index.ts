/** JSON helpers for hostile records: serialization that cannot overflow the stack, parsing that keeps big integers exact. */
export { canonicalJson, safeStringify } from './stringify';
export { parseJsonAndKeep, parseJsonExact, quoteUnsafeIntegers } from './exact-parse';
