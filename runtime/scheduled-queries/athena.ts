/** The Athena side of scheduled queries: start, check, stop, read results (the SDK behind a lazy module). */
type AthenaSdk = typeof import('./athena-sdk.lazy');

/** A query's state as far as scheduled queries care. */
export interface QueryStatus {
  readonly state: 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
  readonly reason?: string;
  readonly bytesScanned: number;
  readonly executionMs: number;
}

/** What the runner needs of Athena (tests pass a fake or aws-sdk-client-mock). */
export interface AthenaQueries {
  start(sql: string): Promise<string>;
  status(id: string): Promise<QueryStatus>;
  stop(id: string): Promise<void>;
  /** Every row (header row removed) as column -> value. */
  results(id: string): Promise<{ headers: string[]; rows: Record<string, string | null>[] }>;
}

/** Athena through the SDK, in `workgroup` with `database` as the default. */
export function createAthenaQueries(options: { readonly workgroup: string; readonly database: string; readonly region?: string }): AthenaQueries {
  let client: Promise<{ readonly athena: InstanceType<AthenaSdk['AthenaClient']>; readonly sdk: AthenaSdk }> | undefined;
  const athena = (): NonNullable<typeof client> =>
    (client ??= import('./athena-sdk.lazy').then((sdk) => ({ sdk, athena: new sdk.AthenaClient(options.region ? { region: options.region } : {}) })));
  return {
    async start(sql) {
      const { athena: c, sdk } = await athena();
      const out = await c.send(new sdk.StartQueryExecutionCommand({ QueryString: sql, WorkGroup: options.workgroup, QueryExecutionContext: { Database: options.database } }));
      return out.QueryExecutionId ?? '';
    },
    async status(id) {
      const { athena: c, sdk } = await athena();
      const e = (await c.send(new sdk.GetQueryExecutionCommand({ QueryExecutionId: id }))).QueryExecution;
      return {
        state: (e?.Status?.State ?? 'QUEUED') as QueryStatus['state'],
        reason: e?.Status?.StateChangeReason,
        bytesScanned: e?.Statistics?.DataScannedInBytes ?? 0,
        executionMs: e?.Statistics?.EngineExecutionTimeInMillis ?? 0,
      };
    },
    async stop(id) {
      const { athena: c, sdk } = await athena();
      await c.send(new sdk.StopQueryExecutionCommand({ QueryExecutionId: id }));
    },
    async results(id) {
      const { athena: c, sdk } = await athena();
      let headers: string[] = [];
      const rows: Record<string, string | null>[] = [];
      let token: string | undefined;
      let first = true;
      do {
        const page = await c.send(new sdk.GetQueryResultsCommand({ QueryExecutionId: id, NextToken: token, MaxResults: 1000 }));
        if (first) headers = (page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? []).map((col) => col.Name ?? '');
        const data = (page.ResultSet?.Rows ?? []).map((r) => r.Data ?? []);
        for (const cells of first ? data.slice(1) : data) rows.push(Object.fromEntries(headers.map((h, i) => [h, cells[i]?.VarCharValue ?? null])));
        first = false;
        token = page.NextToken;
      } while (token);
      return { headers, rows };
    },
  };
}
