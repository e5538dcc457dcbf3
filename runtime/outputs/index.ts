/** Outputs: the output interface, the registry by service name, secrets, delivery and local previews. */
export * from './types';
export { registerOutput, getOutput, outputServices, parseOutputName, type OutputName } from './registry';
export { OutputError } from './errors';
export { createSsmSecrets, secretParameterName, type SecretSource, type SsmSecretsOptions } from './secrets';
export { deliverToOutput, previewOutputs, type DeliveryContext, type OutputPreview } from './deliver';
