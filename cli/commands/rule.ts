/** `streamalert rule new` and `streamalert rule staging status|stage|unstage`. */
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { logFamily } from '../../runtime/config';
import { action } from '../context';
import { scaffoldRule } from '../testing/scaffold';

interface RuleNewFlags {
  readonly log: string;
  readonly dir?: string;
  readonly description?: string;
  readonly outputs?: string;
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
    .option('--outputs <a,b>', 'outputs the rule sends to (service:descriptor, declared in outputs.json); without it the rule alerts nowhere (warned)')
    .action(
      action<RuleNewFlags>((ctx, flags, args) =>
        scaffoldRule(ctx, {
          name: args[0] ?? '',
          log: flags.log,
          dir: resolve(flags.dir ?? join('rules', logFamily(flags.log))),
          description: flags.description,
          outputs: flags.outputs?.split(',').map((o) => o.trim()).filter((o) => o !== ''),
        }),
      ),
    );
  registerStagingCommands(rule);
  registerSigmaCommands(rule);
  rule
    .command('coverage')
    .description(
      'the MITRE ATT&CK techniques the enabled rules detect, per tactic and per log type, with the rules behind each ' +
        '(rules name techniques with the attack option or Sigma attack.t... tags). With --json, one object per line: ' +
        '{technique,name,tactic,tactics,rules,log_types}',
    )
    .option('--navigator <file>', 'also write an ATT&CK Navigator layer (format 4.5) to this file')
    .option('--rules-dir <dir>', 'rules folder (default: rules/ beside the conf directory)')
    .action(
      action<{ navigator?: string; rulesDir?: string }>(async (ctx, flags) =>
        (await import('../coverage/run-coverage')).runCoverage(ctx, { navigator: flags.navigator, rulesDir: flags.rulesDir }),
      ),
    );
}

function registerSigmaCommands(rule: Command): void {
  const sigma = rule.command('sigma').description('Sigma rules (.yml files under rules/, compiled into the bundle by lambda package)');
  sigma
    .command('check')
    .description(
      'load Sigma rule files against conf/ and report each rule: loaded (with the log types its logsource maps to) or ' +
        'refused (with the reason). With --json, one object per line: {file,id,title,name,status,reason,log_types,attack,warnings}. ' +
        'Exit 0 when every rule loaded, 1 when any was refused',
    )
    .argument('<paths...>', 'Sigma rule files or folders (searched recursively for .yml and .yaml)')
    .action(action(async (ctx, _flags, args) => (await import('../sigma/check')).runSigmaCheck(ctx, { paths: args })));
}

// The staging work pulls in the DynamoDB SDK: loaded only when a staging command runs.
const loadStaging = () => import('../staging/run-staging');

function registerStagingCommands(rule: Command): void {
  const staging = rule.command('staging').description('rule staging (global.rule_staging): new rules alert only to the staging output until promoted');
  staging
    .command('status')
    .description('list the rules table: staged or promoted, staged until, alerts while staged, last promoted')
    .argument('[rule]', 'show one rule only')
    .action(action(async (ctx, _flags, args) => (await loadStaging()).runStaging(ctx, { action: 'status', rule: args[0] })));
  staging
    .command('stage')
    .description('stage a rule again for global.rule_staging.staged_hours (its alert count starts at zero)')
    .argument('<rule>', 'rule name')
    .action(action(async (ctx, _flags, args) => (await loadStaging()).runStaging(ctx, { action: 'stage', rule: args[0] })));
  staging
    .command('unstage')
    .description("promote a rule now: its alerts go to the rule's own outputs")
    .argument('<rule>', 'rule name')
    .action(action(async (ctx, _flags, args) => (await loadStaging()).runStaging(ctx, { action: 'unstage', rule: args[0] })));
}
