/** StreamAlert apps: scheduled pulls of SaaS audit logs into a cluster's rule processor. */
import './all';

export * from './types';
export { AppAuthError, AppConfigError, AppHttpError, AppSendError } from './errors';
export { appTypes, getApp } from './registry';
export { runApp, missingAuth, type AppRunSummary, type RunAppOptions } from './runner';
export { createAppHttp, type AppHttpOptions } from './http';
export { createMemoryAppStore, createSsmAppStore, appParameterNames, type AppStore } from './store';
export { createLambdaSender, packLogs, DEFAULT_BATCH_BYTES, type PayloadSender } from './sender';
