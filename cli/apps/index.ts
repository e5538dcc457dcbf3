/** `streamalert app ...` work functions. */
export { runAppNew, appFunctionName, validateCredentials, type AppNewOptions, type AppNewDeps } from './app-new';
export { runAppRun, type AppRunOptions } from './app-run';
export { runAppList } from './app-list';
export { runAppAuth, type AppAuthOptions } from './app-auth';
