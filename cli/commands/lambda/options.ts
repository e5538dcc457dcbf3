/** Options shared by `lambda package|deploy|rollback`. */
import { Option, type Command } from 'commander';

/** Adds `--function` and `--cluster`. */
export function addTargetOptions(command: Command): Command {
  return command
    .option('-f, --function <name>', 'function to act on: rule (the rule processor of each cluster), alert (the alert processor), merger (the alert merger), rule_promotion (when rule staging is on), threat_intel_downloader (when threat_intel.json enables it), apps (every configured app), scheduled_queries (when enabled), or all', 'all')
    .option('--cluster <name>', "only this cluster's rule processor and apps (default: every cluster in variables.json); global functions (alert processor, merger, promotion, downloader, scheduled queries) are not filtered");
}

/** Adds the packaging options of `lambda package` and `lambda deploy`. */
export function addPackageOptions(command: Command): Command {
  return command
    .option('--rules-dir <dir>', 'directory of the rule files', 'rules')
    .option('--include-sourcemap', 'put the source map in the zip too (it is always kept beside the zip)')
    // For tests of the packager itself: bundle another handler than the rule processor's.
    .addOption(new Option('--entry <file>', 'handler file to bundle').hideHelp());
}
