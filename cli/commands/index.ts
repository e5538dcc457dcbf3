/** Registers every command group on the root program. */
import type { Command } from 'commander';
import { registerAppCommands } from './app';
import { registerConfigCommands } from './config';
import { registerLambdaCommands } from './lambda';
import { registerLookupTablesCommands } from './lookup-tables';
import { registerOutputCommands } from './output';
import { registerProcessCommand } from './process';
import { registerRuleCommands } from './rule';
import { registerSearchCommand } from './search';
import { registerSchemaCommands } from './schema';
import { registerTerraformCommands } from './terraform';
import { registerTypesCommands } from './types';

export function registerCommands(program: Command): void {
  registerConfigCommands(program);
  registerTerraformCommands(program);
  registerLambdaCommands(program);
  registerProcessCommand(program);
  registerRuleCommands(program);
  registerTypesCommands(program);
  registerOutputCommands(program);
  registerAppCommands(program);
  registerSearchCommand(program);
  registerLookupTablesCommands(program);
  registerSchemaCommands(program);
}
