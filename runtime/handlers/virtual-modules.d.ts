/**
 * Modules that the Lambda bundler (`streamalert lambda package`) provides at build time; they exist only
 * in the bundle, never on disk.
 */

/** The validated configuration and the cluster this function serves. */
declare module 'streamalert:config' {
  const embedded: {
    readonly config: import('../config/types').Config;
    readonly cluster: string;
  };
  export default embedded;
}

/** Imports every rule file, which registers the rules. */
declare module 'streamalert:rules' {}
