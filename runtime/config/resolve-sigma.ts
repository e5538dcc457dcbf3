/** `sigma.json`: defaults, and every log type it names checked against the configured log types. */
import type { ConfigProblem } from '../errors';
import { closest } from './validate';
import type { LogSchema, SigmaLogsource, SigmaSettings } from './types';

type Raw = Record<string, unknown>;

/** The resolved `sigma.json` (built-in mappings only, no outputs, when the file is absent). */
export function resolveSigma(
  raw: { readonly file: string; readonly value: Raw } | undefined,
  logs: Readonly<Record<string, LogSchema>>,
  problems: ConfigProblem[],
): SigmaSettings {
  const value = raw?.value ?? {};
  const logsources = (value.logsources ?? []) as SigmaLogsource[];
  logsources.forEach((source, i) => {
    for (const logType of Object.keys(source.log_types)) {
      if (logs[logType]) continue;
      const near = closest(logType, Object.keys(logs));
      problems.push({
        file: raw?.file ?? 'sigma.json',
        pointer: `/logsources/${i}/log_types/${logType.replace(/~/g, '~0').replace(/\//g, '~1')}`,
        message: 'log type is not declared in the schemas',
        value: logType,
        hint: near ? `did you mean "${near}"?` : 'declare it in conf/schemas/, or remove it here',
      });
    }
  });
  return {
    outputs: (value.outputs ?? []) as string[],
    builtin_logsources: value.builtin_logsources !== false,
    logsources,
  };
}
