/** `streamalert lambda test [paths...]`. */
import type { Command } from 'commander';
import { action } from '../../context';
import { runLambdaTest } from '../../testing';

interface TestFlags {
  readonly source?: string;
  readonly rules?: string;
  readonly classifyOnly?: boolean;
  readonly rulesDir: string;
  readonly typecheck: boolean;
  readonly showOutputs?: boolean;
}

const HELP = `
Each test event is turned into a real Lambda event from templates/events/ (Kinesis base64, gzip when the
1.x fixture says "compress"; S3: stored as an object in memory and read back by the S3 reader; SNS; SQS;
StreamAlert app) and run through the rule processor bundle that "lambda package" builds, for the cluster
whose data_sources list the event's source. Alerts are not delivered: they are captured, and each output's
publication (after the rule's publishers) is made without sending anything; --show-outputs prints them
(--json always includes them). A v3 event's publisher_tests ({"<service:descriptor>": [{jmespath_expression,
condition: is|in|contains, value}, or [expression, condition, value]]}) are checked against them.

Fixtures: StreamAlert v3 (a JSON list of events with data or override_record, description, log, service,
source, trigger_rules or classify_only, test_fixtures.lookup_tables) and 1.x ({"records": [...]} with data,
description, service, source, trigger, trigger_count, compress). A test passes when every record classifies
as "log" and the set of rules that fired equals trigger_rules minus disabled rules.

Time helpers, replaced in any string of "data": <helper:last_hour> (1 minute ago, as StreamAlert),
<helper:now>, <helper:last_day> (1 hour ago), <helper:minutes_ago:N>; epoch seconds by default, add ":ms"
for epoch milliseconds or ":iso" for ISO-8601, e.g. <helper:minutes_ago:5:iso>.

Exit codes: 0 when at least one test ran and all passed; 4 when a test failed, a fixture could not be read,
or no test ran.`;

export function registerTestCommand(parent: Command): void {
  parent
    .command('test')
    .description('run rule test fixtures offline through the same bundle that is deployed')
    .argument('[paths...]', 'fixture files or folders (default: the rules folder)')
    .option('--source <service>', 'keep the events of one service: kinesis, s3, sns, sqs or streamalert_app')
    .option('--rules <names>', 'keep the events that name one of these rules (comma-separated)')
    .option('--classify-only', 'check only the classified log type, not the rules')
    .option('--rules-dir <dir>', 'folder of the rule files bundled with the function', 'rules')
    .option('--no-typecheck', 'skip the type check of the rules before bundling')
    .option('--show-outputs', 'print what every output of each alert would receive (nothing is sent)')
    .addHelpText('after', HELP)
    .action(
      action<TestFlags>((ctx, flags, args) =>
        runLambdaTest(ctx, {
          paths: args,
          rulesDir: flags.rulesDir,
          source: flags.source,
          rules: flags.rules?.split(',').map((r) => r.trim()).filter((r) => r !== ''),
          classifyOnly: flags.classifyOnly === true,
          typecheck: flags.typecheck,
          showOutputs: flags.showOutputs === true,
        }),
      ),
    );
}
