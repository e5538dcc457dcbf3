/** Rule staging in the CLI: `rule staging` commands and `lambda deploy`'s registration of new rules. */
export { runStaging, type StagingOptions, type StagingDeps } from './run-staging';
export { registerNewRules, stageNewRules, stagingCandidates, bundledRules, type StagingCandidate, type RegistrationResult } from './sync';
export { cliRulesTable } from './table';
