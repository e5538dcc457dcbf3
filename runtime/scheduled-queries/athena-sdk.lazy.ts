/** The Athena calls of scheduled queries, behind a lazy module (loaded on first use). */
export { AthenaClient, GetQueryExecutionCommand, GetQueryResultsCommand, StartQueryExecutionCommand, StopQueryExecutionCommand } from '@aws-sdk/client-athena';
