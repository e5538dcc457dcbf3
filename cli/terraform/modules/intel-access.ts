/**
 * What a rule processor may read for lookup tables and threat intel: GetObject on exactly the configured
 * S3 objects, Scan on exactly the configured DynamoDB tables (both only when lookup_tables.json is
 * enabled), and BatchGetItem on the IOC table when threat intel matches in its cluster. The tables are in
 * the account region (StreamAlert's assumption too).
 */
import type { Config } from '../../../runtime/config';
import { arn, partitionOf, type PolicyStatement } from '../constructs/policy';
import { iocTableArn } from './threat-intel';

/** The read statements of one cluster's rule processor (empty when it needs none). */
export function intelReadStatements(config: Config, cluster: string, kmsKeyArn: string): PolicyStatement[] {
  const { region, id } = config.account;
  const statements: PolicyStatement[] = [];
  const tables = config.lookup_tables.enabled ? Object.values(config.lookup_tables.tables) : [];
  const objects = [...new Set(tables.flatMap((t) => (t.driver === 's3' ? [`arn:${partitionOf(region)}:s3:::${t.bucket}/${t.key}`] : [])))].sort();
  const scanned = [...new Set(tables.flatMap((t) => (t.driver === 'dynamodb' ? [arn(region, 'dynamodb', id, `table/${t.table}`)] : [])))].sort();
  if (objects.length > 0) statements.push({ Action: 's3:GetObject', Resource: objects });
  if (scanned.length > 0) statements.push({ Action: 'dynamodb:Scan', Resource: scanned });
  const ti = config.threat_intel;
  if (ti.enabled && ti.clusters.includes(cluster)) {
    statements.push(
      { Action: 'dynamodb:BatchGetItem', Resource: iocTableArn(config) },
      { Action: 'kms:Decrypt', Resource: kmsKeyArn, Condition: { StringEquals: { 'kms:ViaService': `dynamodb.${region}.amazonaws.com` } } },
    );
  }
  return statements;
}
