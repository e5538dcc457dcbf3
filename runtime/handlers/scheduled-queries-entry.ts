/**
 * The scheduled query function's Lambda entry point: one EventBridge schedule per pack invokes it with
 * `{"pack": "<name>"}`; it runs that pack's queries (embedded configuration) in the project's Athena
 * workgroup and puts the results on the destination Kinesis stream.
 */
import embedded from 'streamalert:config';
import { athenaWorkgroupName, glueDatabaseName } from '../config/names';
import { StreamAlertError } from '../errors';
import { createLogger } from '../logger';
import { createAthenaQueries, createKinesisSender, runPack, streamRegion, type PackSummary, type RunPackOptions } from '../scheduled-queries';

/** Lambda's remaining-time function from the invocation context, when there is one. */
function remainingOf(context: unknown): { remainingMs?: () => number } {
  const get = (context as { getRemainingTimeInMillis?: unknown } | undefined)?.getRemainingTimeInMillis;
  return typeof get === 'function' ? { remainingMs: () => Number((get as () => number).call(context)) } : {};
}

/** Builds the handler; `overrides` replace any run option (Athena, sender, clock) in tests. */
export function createHandler(overrides: Partial<RunPackOptions> = {}, config = embedded.config) {
  const settings = config.scheduled_queries;
  return async (event: unknown, context?: unknown): Promise<PackSummary> => {
    const pack = typeof event === 'object' && event !== null ? (event as { pack?: unknown }).pack : undefined;
    if (typeof pack !== 'string' || settings.packs[pack] === undefined) {
      throw new StreamAlertError('UnknownPack', `event names no configured query pack: ${JSON.stringify(pack ?? null)} (packs: ${Object.keys(settings.packs).join(', ')})`, { source: 'internal' });
    }
    const queries = Object.entries(settings.queries)
      .filter(([, q]) => q.pack === pack)
      .map(([name, q]) => ({ name, description: q.description, query: q.query, tags: q.tags }));
    return runPack({
      queries,
      athena: createAthenaQueries({ workgroup: athenaWorkgroupName(config), database: glueDatabaseName(config) }),
      // The stream is a data source of some cluster: its region, not the function's.
      send: createKinesisSender(settings.destination_kinesis_stream, { region: streamRegion(config, settings.destination_kinesis_stream) }),
      region: config.account.region,
      waitMs: settings.wait_secs * 1000,
      timeoutMs: settings.timeout_secs * 1000,
      // The pack never outlives the function: queries still running near its end are stopped and reported.
      ...remainingOf(context),
      logger: overrides.logger ?? createLogger({ base: { pack } }),
      ...overrides,
    });
  };
}

/** The Lambda handler. */
export const handler = createHandler();
