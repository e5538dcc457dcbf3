/** Compiling Sigma rules from YAML text in tests, against the bundled configuration. */
import { parse } from 'yaml';
import { compileSigmaRule, type CompileResult } from '../../cli/sigma';
import { loadConfig, type Config } from '../../runtime/config';
import type { ClassifiedRecord } from '../../runtime/classifier/types';
import { sigmaRuleFunction } from '../../runtime/rules/sigma';
import { DEFAULT_CONF_DIR } from './paths';

let config: Config | undefined;

/** The bundled configuration (loaded once per test file). */
export function bundledConfig(): Config {
  config ??= loadConfig(DEFAULT_CONF_DIR);
  return config;
}

/** Compiles one rule written as YAML text. */
export function compileYaml(yaml: string, conf: Config = bundledConfig()): CompileResult {
  return compileSigmaRule(parse(yaml), 'rules/test.yml', 'test_rule', conf);
}

/** A detection section under a CloudTrail logsource, compiled; returns a predicate over flat CloudTrail records. */
export function cloudtrailDetection(detection: string, logType = 'cloudtrail:events'): (record: Record<string, unknown>) => boolean {
  const yaml = `title: t\nlogsource:\n  product: aws\n  service: cloudtrail\ndetection:\n${detection
    .trim()
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n')}\n`;
  const fn = sigmaRuleFunction(compileYaml(yaml).rule) as unknown as (r: unknown, e: Pick<ClassifiedRecord, 'log_type'>) => boolean;
  return (record) => fn(record, { log_type: logType });
}
