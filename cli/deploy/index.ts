/** Deploy and rollback of the Lambda functions behind the `production` alias. */
export { runDeploy, deployJson, type DeployOptions, type DeployDeps } from './run-deploy';
export { runRollback, rollbackJson, type RollbackOptions } from './run-rollback';
export { deployFunction, packageKey, type DeployFunctionOptions } from './deploy-function';
export { rollbackFunction, chooseRollbackVersion, type RollbackFunctionOptions } from './rollback-function';
export { StepError } from './errors';
export type { DeployOutcome, RollbackOutcome, DeployStep, RollbackStep, StepFailure } from './types';
