/** Sigma rules at package time: YAML -> compiled rules (or refusals with the reason), and `rule sigma check`. */
export { isSigmaFile, loadSigmaFile, loadSigmaFiles, sigmaFiles, type SigmaLoadResult } from './load';
export { compileSigmaCorrelation, isCorrelationDoc } from './correlation';
export { compileSigmaRule, attackIds, sigmaRuleName, type CompileResult } from './compile';
export { BUILTIN_LOGSOURCES, logsourceMappings, mapLogsource } from './logsources';
export { SigmaRefusedError } from './errors';
export { sigmaPlugin } from './plugin';
export { runSigmaCheck, type SigmaCheckOptions } from './check';
