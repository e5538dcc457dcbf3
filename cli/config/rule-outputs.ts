/**
 * `config validate`, rules part: every output a rule names (`outputs`) must be a known service with a
 * descriptor in outputs.json, and every descriptor of a service configured by resource (aws-s3, aws-sns,
 * aws-lambda, ...) must name its resource. Rules are TypeScript: they are loaded from the rule processor
 * bundle, exactly as deployed (outputs computed by `dynamic_outputs` are only known at run time).
 */
import { existsSync } from 'node:fs';
import { displayPath, type Config } from '../../runtime/config';
import type { ConfigProblem } from '../../runtime/errors';
import '../../runtime/outputs/all';
import outputsSchema from '../../runtime/config/json-schemas/outputs.schema.json';
import { getOutput } from '../../runtime/outputs/registry';
import type { RuleDefinition } from '../../runtime/rules/types';
import { loadBundledFunction } from '../testing/bundled-function';
import { mergeWindowProblem } from '../terraform/check-alerts';

/** Output service names outputs.json may use (StreamAlert's, plus opsgenie and webhook). */
export const OUTPUT_SERVICE_NAMES: readonly string[] = outputsSchema.propertyNames.enum.filter((name) => name !== '$schema');

/** Problems of the descriptors in outputs.json (shape per service). */
export function outputDescriptorProblems(config: Config, outputsFile: string): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const [service, descriptors] of Object.entries(config.outputs)) {
    // Unknown names are reported by the JSON Schema; a service that is not registered has no shape to check.
    const output = getOutput(service);
    if (!output?.resourceInConfig) continue;
    for (const [descriptor, resource] of Object.entries(descriptors)) {
      if (resource === null || resource === '') {
        problems.push({
          file: outputsFile,
          pointer: `/${service}`,
          message: `${service} descriptor "${descriptor}" names no resource: ${service} descriptors map a name to a resource`,
          hint: `write "${service}": { "${descriptor}": "<resource name>" } (or run streamalert output set ${service} --descriptor ${descriptor} --resource <name>)`,
        });
      }
    }
  }
  return problems;
}

/** Problems of the outputs each rule names. */
export function ruleOutputProblems(config: Config, rules: readonly RuleDefinition[], outputsFile: string): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const rule of rules) {
    const file = rule.file === '' ? `rule ${rule.name}` : rule.file;
    (rule.options.outputs ?? []).forEach((output, index) => {
      const at = output.indexOf(':');
      const service = at > 0 ? output.slice(0, at) : output;
      const descriptor = at > 0 ? output.slice(at + 1) : '';
      const where = { file, pointer: `/${rule.name}/outputs/${index}`, value: output };
      if (descriptor === '') problems.push({ ...where, message: `rule "${rule.name}" names output "${output}", which is not of the form service:descriptor` });
      else if (!OUTPUT_SERVICE_NAMES.includes(service)) problems.push({ ...where, message: `rule "${rule.name}" names unknown output service "${service}"`, hint: `output services: ${OUTPUT_SERVICE_NAMES.join(', ')}` });
      else if (!(service in config.outputs) || !Object.prototype.hasOwnProperty.call(config.outputs[service], descriptor)) {
        problems.push({
          ...where,
          message: `rule "${rule.name}" sends to "${output}", which ${outputsFile} does not declare`,
          hint: `add it with \`streamalert output set ${service} --descriptor ${descriptor}\`, or fix the rule`,
        });
      }
    });
  }
  return problems;
}

/** Loads the rules of `rulesDir` from the rule processor bundle. */
export async function loadRuleDefinitions(config: Config, rulesDir: string): Promise<RuleDefinition[]> {
  const cluster = Object.keys(config.clusters)[0] ?? '';
  const bundle = await loadBundledFunction({ config, cluster, rulesDir, typecheck: false });
  return bundle.loadRules();
}

/**
 * Every output problem of the configuration and the rules, and each rule's merge window against the alerts
 * table's TTL (rules skipped when `rulesDir` does not exist).
 */
export async function checkOutputs(config: Config, configDir: string, rulesDir: string): Promise<{ problems: ConfigProblem[]; rules: number }> {
  const outputsFile = displayPath(`${configDir}/outputs.json`);
  const problems = outputDescriptorProblems(config, outputsFile);
  if (!existsSync(rulesDir)) return { problems, rules: 0 };
  const rules = await loadRuleDefinitions(config, rulesDir);
  const windows = rules.flatMap((rule) => {
    const problem = mergeWindowProblem(config, { name: rule.name, file: rule.file, merge_window_mins: rule.options.merge_window_mins });
    return problem === undefined ? [] : [problem];
  });
  return { problems: [...problems, ...ruleOutputProblems(config, rules, outputsFile), ...windows], rules: rules.length };
}
