import type { Command } from 'commander';
import { NotBuiltError } from '../../runtime/errors';
import { action } from '../context';

export function registerTerraformCommands(program: Command): void {
  const terraform = program.command('terraform').description('generate and apply the Terraform for the whole infrastructure');
  for (const [name, description] of [
    ['generate', 'write terraform/*.tf.json from the configuration'],
    ['plan', 'run terraform plan in terraform/'],
    ['apply', 'run terraform apply in terraform/'],
    ['destroy', 'run terraform destroy in terraform/'],
    ['list-targets', 'list the modules that --target accepts'],
  ] as const) {
    terraform
      .command(name)
      .description(`${description} (not built yet)`)
      .allowUnknownOption()
      .allowExcessArguments()
      .action(
        action(() => {
          throw new NotBuiltError(`\`streamalert terraform ${name}\``);
        }),
      );
  }
}
