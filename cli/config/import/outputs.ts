/**
 * What `config import` says about output secrets. outputs.json is carried over as it is (same service and
 * descriptor names); secrets are not in it. StreamAlert v3 kept each descriptor's credentials in the SSM
 * parameter this project reads (`/<prefix>/streamalert/outputs/<service>/<descriptor>`, a JSON object under
 * the same property names), so they keep working in the same account under the same prefix. StreamAlert
 * 1.x kept them KMS-encrypted in an S3 bucket this project does not read: those must be set again.
 */
import { readJsonFile } from '../../../runtime/config/read-json';
import '../../../runtime/outputs/all';
import { getOutput } from '../../../runtime/outputs/registry';
import type { ImportedOutput, StreamAlertLayout } from './types';

function descriptorsOf(entry: unknown): string[] {
  if (Array.isArray(entry)) return entry.filter((d): d is string => typeof d === 'string');
  return typeof entry === 'object' && entry !== null ? Object.keys(entry) : [];
}

/** One line per descriptor that has secrets: whether it must be set again and why. */
export function importedOutputSecrets(outputsFile: string | undefined, layout: StreamAlertLayout, sourcePrefix: string, prefix: string): ImportedOutput[] {
  if (outputsFile === undefined) return [];
  const parsed = readJsonFile(outputsFile, outputsFile);
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) return [];
  const found: ImportedOutput[] = [];
  for (const [service, entry] of Object.entries(parsed.value as Record<string, unknown>)) {
    const output = getOutput(service);
    if (!output || output.properties.length === 0) continue;
    for (const descriptor of descriptorsOf(entry)) {
      const parameter = `/${prefix}/streamalert/outputs/${service}/${descriptor}`;
      const command = `streamalert output set ${service} --descriptor ${descriptor}`;
      let reason: string | undefined;
      if (layout !== 'v3') reason = `StreamAlert ${layout} kept its secrets in an S3 bucket this version does not read`;
      else if (sourcePrefix !== prefix) reason = `the prefix changed from "${sourcePrefix}" to "${prefix}", so StreamAlert's SSM parameter has another name`;
      found.push(reason ? { output: `${service}:${descriptor}`, parameter, setAgain: true, reason: `${reason}: run \`${command}\`` } : { output: `${service}:${descriptor}`, parameter, setAgain: false, reason: `reads StreamAlert v3's SSM parameter ${parameter} in the same account; check it with \`streamalert output test ${service}:${descriptor}\`` });
    }
  }
  return found;
}
