/**
 * Query parameters (StreamAlert's names): `{utcdatehour}` is the `dt` partition of the current hour,
 * `{utcdatehour_minus1hour}` (any N hour or day) one of the past, `{utctimestamp}` and
 * `{utctimestamp_minus<N>hour|day}` epoch seconds; `{utcisotime}` is epoch seconds too, as in StreamAlert.
 */
import { QUERY_PARAMETER, queryParameters } from '../config/resolve-scheduled-queries';

/** A rendered query and the values its parameters took. */
export interface RenderedQuery {
  readonly sql: string;
  readonly parameters: Readonly<Record<string, string>>;
}

function partition(time: Date): string {
  const iso = time.toISOString();
  return `${iso.slice(0, 10)}-${iso.slice(11, 13)}`;
}

/** The value of one parameter at `now` (configuration validation has refused unknown ones). */
export function parameterValue(name: string, now: Date): string {
  const match = QUERY_PARAMETER.exec(name);
  const kind = match?.[1];
  const back = match?.[2] === undefined ? 0 : Number(match[2]) * (match[3] === 'day' ? 86_400_000 : 3_600_000);
  const time = new Date(now.getTime() - back);
  if (kind === 'utcdatehour') return partition(time);
  return String(Math.round(time.getTime() / 1000));
}

/** Replaces each `{parameter}` of `query`. */
export function renderQuery(query: string, now: Date): RenderedQuery {
  const parameters = Object.fromEntries(queryParameters(query).map((name) => [name, parameterValue(name, now)]));
  return { sql: query.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, name: string) => parameters[name] ?? whole), parameters };
}
