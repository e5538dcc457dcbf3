/** `streamalert process`: classify local log files with the deployed payload reader and classifier. */
export { processFiles, type ProcessOptions } from './process-files';
export { planCandidates, type CandidatePlan } from './candidates';
