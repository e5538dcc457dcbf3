/** `streamalert output set|list|test|delete`. */
import type { Command } from 'commander';
import { action } from '../context';
import { deleteOutput, listOutputs, setOutput, testOutput } from '../outputs';

export function registerOutputCommands(parent: Command): void {
  const output = parent.command('output').description('manage alert outputs: descriptors in outputs.json, secrets in SSM');
  output
    .command('set <service>')
    .description('add or update a descriptor: asks for its properties (secrets with echo off) and stores them in SSM as a SecureString')
    .requiredOption('--descriptor <name>', 'descriptor name (slack:<name> in rules)')
    .option('--from-stdin', 'read the properties as a JSON object from stdin instead of prompting')
    .option('--resource <name>', 'for outputs configured by resource (aws-s3 bucket, aws-sns topic, aws-sqs queue, aws-firehose stream, aws-lambda function)')
    .option('--allow-http', 'accept http:// URLs for an output holding credentials (sent in clear text; refused without this flag)')
    .addHelpText('after', '\nSecrets are never taken from arguments. Example: echo \'{"url":"https://hooks.slack.com/..."}\' | streamalert output set slack --descriptor security --from-stdin')
    .action(
      action<{ descriptor: string; fromStdin?: boolean; resource?: string; allowHttp?: boolean }>((ctx, flags, args) =>
        setOutput(ctx, {
          configDir: ctx.globals.config,
          service: args[0],
          descriptor: flags.descriptor,
          fromStdin: flags.fromStdin === true,
          resource: flags.resource,
          allowHttp: flags.allowHttp === true,
        }),
      ),
    );
  output
    .command('list')
    .description('list descriptors per service (never secrets)')
    .action(action((ctx) => void listOutputs(ctx, { configDir: ctx.globals.config })));
  output
    .command('test <output>')
    .description('send a sample alert to service:descriptor through the alert processor\'s delivery code and print the result')
    .option('--timeout <seconds>', 'seconds the output may take (default: global.alerts.processor.output_timeout_seconds)')
    .option('--from-stdin', 'take the properties as a JSON object from stdin instead of SSM: try an output before any AWS exists (nothing is stored)')
    .addHelpText('after', '\nExample, without AWS: echo \'{"url":"https://hooks.slack.com/services/..."}\' | streamalert output test slack:try --from-stdin')
    .action(
      action<{ timeout?: string; fromStdin?: boolean }>((ctx, flags, args) =>
        testOutput(ctx, { configDir: ctx.globals.config, output: args[0], fromStdin: flags.fromStdin === true, timeoutMs: flags.timeout === undefined ? undefined : Number(flags.timeout) * 1000 }),
      ),
    );
  output
    .command('delete <output>')
    .description('remove service:descriptor from outputs.json and delete its SSM parameter')
    .action(action((ctx, _flags, args) => deleteOutput(ctx, { configDir: ctx.globals.config, output: args[0] })));
}
