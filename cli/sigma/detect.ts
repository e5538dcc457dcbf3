/**
 * Whether a rules folder holds correlation rules, without bundling it (for `terraform generate`): a Sigma document
 * with `correlation`, or a TypeScript rule file using the `threshold` option. A false positive only makes an
 * unused table; a rule processor running correlation rules without the table logs an error at cold start.
 */
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { ruleFiles } from '../package/virtual-modules';
import { isSigmaFile } from './load';

/** True when a rule under `rulesDir` needs correlation state. */
export function hasCorrelationRules(rulesDir: string): boolean {
  return ruleFiles(rulesDir).some((file) => {
    const text = readFileSync(file, 'utf8');
    if (!isSigmaFile(file)) return /\bthreshold\s*:/.test(text);
    if (!/^\s*correlation\s*:/m.test(text)) return false;
    return parseAllDocuments(text).some((doc) => !Array.isArray(doc) && doc.errors.length === 0 && doc.get('correlation') !== undefined);
  });
}
