/** `streamalert rule new`. */
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { logFamily } from '../../runtime/config';
import { action } from '../context';
import { scaffoldRule } from '../testing/scaffold';

interface RuleNewFlags {
  readonly log: string;
  readonly dir?: string;
  readonly description?: string;
}

export function registerRuleCommands(program: Command): void {
  const rule = program.command('rule').description('scaffold detection rules');
  rule
    .command('new')
    .description('write a new rule and its test fixture (from templates/rule/)')
    .argument('<name>', 'rule name (snake_case): the function name, and the name alerts and fixtures use')
    .requiredOption('--log <type>', 'log type the rule runs on, e.g. cloudtrail:events')
    .option('--dir <folder>', 'folder for the rule and fixture (default: rules/<log family>)')
    .option('--description <text>', 'the rule description (its doc comment)')
    .action(
      action<RuleNewFlags>((ctx, flags, args) =>
        scaffoldRule(ctx, {
          name: args[0] ?? '',
          log: flags.log,
          dir: resolve(flags.dir ?? join('rules', logFamily(flags.log))),
          description: flags.description,
        }),
      ),
    );
}
