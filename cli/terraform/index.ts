/**
 * Terraform generation: the only door to cdktf and @cdktf/provider-aws. Nothing outside
 * cli/terraform/ imports them, so that the archived cdktf can be replaced here alone.
 */
export { generateTerraform, type GenerateResult } from './generate';
export { checkTerraformConfig, CLUSTER_MODULES, type TerraformConfigCheck } from './check-config';
export { synthesizeTerraform, renderFile, MAIN_FILE, GENERATED_BANNER, type SynthesizedTerraform, type DeclaredAddress, type TerraformJson } from './synthesize';
export { targetMap, resolveTargets } from './targets';
export { runTerraform, ensureInitialized, terraformBinary, TerraformError } from './run-terraform';
export { BOOTSTRAP_PACKAGE_FILE, BOOTSTRAP_MESSAGE, BOOTSTRAP_HANDLER, bootstrapPackage } from './bootstrap-package';
export { terraformGenerate, terraformRun, terraformBootstrap, terraformListTargets, type TerraformOptions, type TerraformRunOptions } from './work';
export { bootstrapState, StateBucketError, type TerraformBootstrapOptions, type TerraformBootstrapDeps } from './bootstrap-state';
export { planStateBucket, STATE_ENCRYPTION, TLS_ONLY_SID, type StateBucketSpec, type StateBucketStep, type PlannedCall } from './state-bucket';
