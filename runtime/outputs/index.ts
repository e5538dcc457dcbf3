/** Outputs: the output interface, the registry by service name, and `service:descriptor` names. */
export * from './types';
export { registerOutput, getOutput, outputServices, parseOutputName, type OutputName } from './registry';
export { OutputError } from './errors';
