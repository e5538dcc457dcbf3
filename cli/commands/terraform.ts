/**
 * `streamalert terraform generate|plan|apply|destroy|bootstrap|list-targets`.
 * cdktf and the AWS provider bindings load only when one of these runs (lazy import), so that
 * every other command starts fast.
 */
import { Command, Option } from 'commander';
import { action } from '../context';

interface RawOptions {
  readonly dir: string;
  readonly target?: string[];
  readonly autoApprove?: boolean;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, ...value.split(',').filter(Boolean)];

const loadWork = () => import('../terraform/work');

/** Registers `terraform generate|plan|apply|destroy|bootstrap|list-targets` on the root program. */
export function registerTerraformCommands(program: Command): void {
  const terraform = program
    .command('terraform')
    .description('generate and apply the Terraform for the whole infrastructure');
  const dirOption = () => new Option('--dir <dir>', 'directory of the generated Terraform files').default('terraform');

  terraform
    .command('generate')
    .description('write terraform/main.tf.json, one <cluster>.tf.json per cluster and bootstrap.zip from conf/')
    .addOption(dirOption())
    .addHelpText(
      'after',
      '\nThe same configuration always gives the same bytes; files of removed clusters are deleted.\n' +
        'bootstrap.zip lets the first apply create every function before `streamalert lambda deploy`\n' +
        '(until then they answer "not deployed yet"); Terraform leaves code and the production alias to deploy.',
    )
    .action(
      action<RawOptions>(async (ctx, opts) => {
        const work = await loadWork();
        await work.terraformGenerate(ctx, { configDir: ctx.globals.config, outDir: opts.dir });
      }),
    );

  for (const [name, description] of [
    ['plan', 'generate, then run terraform plan in terraform/'],
    ['apply', 'generate, then run terraform apply in terraform/'],
    ['destroy', 'generate, then run terraform destroy in terraform/'],
  ] as const) {
    terraform
      .command(name)
      .description(description)
      .addOption(dirOption())
      .option('-t, --target <target>', 'only this module, cluster or cluster/module (repeatable, or comma-separated; see list-targets)', collect)
      .option('--auto-approve', 'skip terraform\'s interactive approval (apply, destroy)')
      .action(
        action<RawOptions>(async (ctx, opts) => {
          const work = await loadWork();
          await work.terraformRun(ctx, {
            action: name,
            configDir: ctx.globals.config,
            outDir: opts.dir,
            targets: opts.target ?? [],
            autoApprove: opts.autoApprove === true,
          });
        }),
      );
  }

  terraform
    .command('bootstrap')
    .description('create the Terraform state bucket (terraform.state_bucket) before the first plan: versioned, encrypted, private, TLS-only')
    .option('--dry-run', 'print the S3 calls without making them')
    .addHelpText(
      'after',
      '\nRun once per account, before the first `streamalert terraform plan`: Terraform cannot create the bucket\n' +
        'that holds its own state. Safe to run again: a bucket this account owns is kept and its settings made\n' +
        'sure of (an existing bucket policy keeps its statements); a bucket owned by another account is an error.',
    )
    .action(
      action<{ readonly dryRun?: boolean }>(async (ctx, opts) => {
        const work = await loadWork();
        await work.terraformBootstrap(ctx, { configDir: ctx.globals.config, dryRun: opts.dryRun === true });
      }),
    );

  terraform
    .command('list-targets')
    .description('list the words --target accepts (modules, clusters, cluster/module) with their resource counts')
    .action(
      action(async (ctx) => {
        const work = await loadWork();
        work.terraformListTargets(ctx, { configDir: ctx.globals.config });
      }),
    );
}
