/** The work of `streamalert output set|list|test|delete`. */
export { setOutput, parseStdinProperties, requireService } from './set';
export { listOutputs, type ListedService } from './list';
export { deleteOutput } from './delete';
export { testOutput, sampleTestAlert } from './test';
export { terminalPrompter, readAllStdin, type Prompter, type PromptQuestion } from './prompt';
export { projectKmsAlias, descriptorParameter } from './ssm';
export type { OutputSetOptions, OutputDeleteOptions, OutputTestOptions } from './types';
