/** Bundling (esbuild) and deterministic packaging (archiver) of the Lambda functions. */
export { buildFunctionBundle } from './bundle';
export { packageFunctions, type PackageFunctionsOptions } from './package-functions';
export { selectTargets, FUNCTION_CHOICES, type TargetSelection } from './targets';
export { typeCheck, type TypeCheckOptions } from './typecheck';
export { createDeterministicZip, sha256, ZIP_EPOCH, ZIP_FILE_MODE, type ZipEntry } from './zip';
export { CONFIG_MODULE, RULES_MODULE, ruleFiles, isRuleFile, virtualModulesPlugin, portableConfig } from './virtual-modules';
export { assertEntryExists, defaultOutDir, defaultRulesDir, handlerEntry, packageRoot, ruleProcessorEntry } from './paths';
export { BundleError, BundleLoadError, TypeCheckError } from './errors';
export { smokeLoadBundle } from './smoke-load';
export type { BundleOptions, FunctionBundle, FunctionPackage } from './types';
export { runPackage, packageSelected, packageJson, formatSize, type PackageOptions } from './run-package';
