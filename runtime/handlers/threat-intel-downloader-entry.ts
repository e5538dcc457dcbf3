/**
 * The threat intel downloader's Lambda entry point (`threat-intel-downloader-entry.handler`), run on a
 * schedule: reads ThreatStream and the plain feeds of `threat_intel.json` into the IOC table. Bundled with
 * the configuration as a virtual module, like the rule processor; tests call `createHandler` with overrides.
 */
import embedded from 'streamalert:config';
import { createLogger } from '../logger';
import { createDownloader, type DownloaderOptions } from '../threat-intel/downloader';

/** Builds the handler from the embedded configuration; `overrides` replace any option. */
export function createHandler(overrides: Partial<DownloaderOptions> = {}): ReturnType<typeof createDownloader> {
  return createDownloader({ config: embedded.config, logger: overrides.logger ?? createLogger(), ...overrides });
}

/** The Lambda handler. */
export const handler = createHandler();
