/**
 * Imports every output module so that each registers itself. The alert processor and the CLI import this
 * file; a new output adds one import line here (one module per service under runtime/outputs/).
 */
export {};
