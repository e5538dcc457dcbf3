/** The region table config validate checks against is the AWS SDK's own list of each partition's regions. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AWS_REGIONS, regionPartition } from '../../../../cli/terraform/config-facts';
import { REPO_ROOT } from '../../../_helpers/paths';

/** Partition id -> region names, read from the SDK's endpoint partitions (the data its endpoint rules use). */
function sdkPartitions(): Record<string, string[]> {
  const text = readFileSync(join(REPO_ROOT, 'node_modules', '@aws-sdk', 'core', 'dist-es', 'submodules', 'client', 'util-endpoints', 'lib', 'aws', 'partitions.js'), 'utf8');
  const info = JSON.parse(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1)) as { partitions: { id: string; regions: Record<string, unknown> }[] };
  return Object.fromEntries(info.partitions.map((p) => [p.id, Object.keys(p.regions).filter((r) => !r.startsWith('aws-')).sort()]));
}

describe('AWS_REGIONS', () => {
  it("lists every partition's regions as the AWS SDK does", () => {
    expect(Object.fromEntries(Object.entries(AWS_REGIONS).map(([p, regions]) => [p, [...regions].sort()]))).toEqual(sdkPartitions());
  });

  it.each([
    ['us-east-1', 'aws'],
    ['us-gov-west-1', 'aws-us-gov'],
    ['cn-north-1', 'aws-cn'],
    ['us-east-9', undefined],
    ['eu-nowhere-1', undefined],
  ])('puts %s in partition %s', (region, partition) => {
    expect(regionPartition(region)).toBe(partition);
  });
});
