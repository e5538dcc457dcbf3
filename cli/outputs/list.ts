/** `streamalert output list`: descriptors per service from outputs.json; never a secret (SSM is not read). */
import '../../runtime/outputs/all';
import { getOutput } from '../../runtime/outputs/registry';
import type { CommandContext } from '../context';
import { descriptorsOf, readOutputs } from './outputs-file';

/** One listed service. */
export interface ListedService {
  readonly service: string;
  readonly descriptors: readonly string[];
  /** Descriptor -> resource, for services configured by resource. */
  readonly resources?: Readonly<Record<string, string>>;
  /** False for a service this version does not have. */
  readonly known: boolean;
}

/** Does the work of `output list`. */
export function listOutputs(ctx: CommandContext, options: { readonly configDir: string }): ListedService[] {
  const document = readOutputs(options.configDir);
  const listed: ListedService[] = Object.entries(document)
    .filter(([service]) => service !== '$schema')
    .map(([service, entry]) => {
      const resources = typeof entry === 'object' && entry !== null && !Array.isArray(entry) ? (entry as Record<string, string>) : undefined;
      return { service, descriptors: descriptorsOf(entry), ...(resources ? { resources } : {}), known: getOutput(service) !== undefined };
    })
    .sort((a, b) => a.service.localeCompare(b.service));
  if (listed.length === 0) ctx.io.info('no outputs configured (add one with `streamalert output set <service> --descriptor <name>`)');
  for (const item of listed) {
    const names = item.descriptors.map((d) => (item.resources ? `${d} (${item.resources[d]})` : d));
    ctx.io.info(`${item.service}${item.known ? '' : ' [unknown service]'}: ${names.join(', ') || '(none)'}`);
  }
  ctx.io.result({ outputs: listed });
  return listed;
}
