/**
 * How many log records an unclassified raw record holds, so that `process` counts records, not files: a
 * CloudTrail file whose 40 events all fail is 40 unclassified records, not one. The count is what the
 * configuration's `json_path` expressions find in the document (the most any of them finds), else 1.
 * Only records that failed are looked at, so the classified path pays nothing.
 */
import type { RawRecord } from '../../runtime/classifier';
import { compileJsonPath, type JsonPath } from '../../runtime/classifier/json-path';
import type { Config } from '../../runtime/config';

/** Returns the number of log records in an unclassified raw record (at least 1). */
export function createRecordCounter(config: Config): (raw: RawRecord) => number {
  const paths = new Map<string, JsonPath>();
  for (const log of Object.values(config.logs)) {
    const written = log.configuration.json_path;
    if (written !== undefined && !paths.has(written)) paths.set(written, compileJsonPath(written, { file: log.file, pointer: `/${log.name}/configuration/json_path` }));
  }
  return (raw) => {
    if (paths.size === 0) return 1;
    let value: unknown = raw.data;
    if (typeof value === 'string') {
      const first = value.trimStart()[0];
      if (first !== '{' && first !== '[') return 1;
      try {
        value = JSON.parse(value);
      } catch {
        return 1;
      }
    }
    let most = 1;
    for (const path of paths.values()) {
      try {
        const found = path(value);
        if (Array.isArray(found) && found.length > most) most = found.length;
      } catch {
        // A path that cannot apply to this value finds nothing.
      }
    }
    return most;
  };
}
