/** `streamalert lookup-tables`: list the tables of conf/lookup_tables.json, read and write their values. */
export { runLookupTables, parseValue, storeOf } from './run';
export { tableAccess, splitKey } from './access';
export type { LookupTablesOptions, TableAccess, TableAccessFactory } from './types';
