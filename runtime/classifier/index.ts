/** The log classifier: parsers (json, csv, kv, syslog), schema matching and normalization (StreamAlert v3). */
export { createClassifier, type Classifier } from './classifier';
export { ENVELOPE_KEY } from './log-patterns';
export { MAX_UNCLASSIFIED_CHARS } from './raw-data';
export * from './types';
