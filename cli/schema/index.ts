/** `streamalert schema infer|drift`: schemas from sample logs, and schema drift from dead letters. */
export { inferSchema, declarationFrom } from './infer';
export { driftReport } from './drift';
export type { DriftOptions, DriftReport, InferOptions, InferReport, KeyDrift, LogTypeDrift, SchemaDeclaration } from './types';
