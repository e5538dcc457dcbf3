/** `streamalert lambda ...`: package, deploy, roll back and test the Lambda functions. */
import type { Command } from 'commander';
import { registerDeployCommand } from './deploy';
import { registerPackageCommand } from './package';
import { registerRollbackCommand } from './rollback';
import { registerTestCommand } from './test';

export function registerLambdaCommands(program: Command): void {
  const lambda = program
    .command('lambda')
    .description('package, deploy, roll back and test the Lambda functions');
  registerPackageCommand(lambda);
  registerDeployCommand(lambda);
  registerRollbackCommand(lambda);
  registerTestCommand(lambda);
}
