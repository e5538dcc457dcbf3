import { StreamAlertError } from '../../../../runtime/errors';
import { loadConfig } from '../../../../runtime/config';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { Construct } from 'constructs';
import {
  buildStack,
  checkUniqueAddresses,
  GENERATED_BANNER,
  renderFile,
  sortKeys,
  synthesizeTerraform,
} from '../../../../cli/terraform/synthesize';
import { StreamAlertStack, toIdentifier } from '../../../../cli/terraform/stack';
import { DEFAULT_CONF_DIR } from '../../../_helpers/paths';
import { declared, synthWith, unresolvedReferences } from './helpers';

describe('terraform synthesis of the bundled configuration', () => {
  const { files, addresses } = synthesizeTerraform(loadConfig(DEFAULT_CONF_DIR));

  it('writes main.tf.json and one file per cluster', () => {
    expect(Object.keys(files)).toEqual(['corp.tf.json', 'main.tf.json', 'prod.tf.json']);
  });

  it('keeps the provider, the backend and the version pins in main.tf.json only', () => {
    expect(files['main.tf.json']).toEqual(expect.objectContaining({ provider: expect.any(Object), terraform: expect.any(Object) }));
    for (const name of ['corp.tf.json', 'prod.tf.json']) {
      expect(Object.keys(files[name]).sort()).toEqual(['//', 'resource']);
    }
  });

  it('starts every file with the generated banner', () => {
    for (const json of Object.values(files)) expect(json['//']).toBe(GENERATED_BANNER);
  });

  it('gives readable addresses without hash suffixes', () => {
    const names = addresses.map((a) => a.address);
    expect(names).toEqual(expect.arrayContaining(['aws_kinesis_stream.prod_kinesis', 'aws_lambda_function.corp_rule_processor', 'aws_s3_bucket.global_source']));
    for (const name of names) expect(name).not.toMatch(/_[0-9A-F]{8}$/);
  });

  it('puts every cluster resource in its cluster file and every global one in main.tf.json', () => {
    for (const d of declared(files)) {
      const file = d.name.startsWith('prod_') ? 'prod.tf.json' : d.name.startsWith('corp_') ? 'corp.tf.json' : 'main.tf.json';
      expect(`${d.type}.${d.name} in ${d.file}`).toBe(`${d.type}.${d.name} in ${file}`);
    }
  });

  it('resolves every reference across the files', () => {
    expect(unresolvedReferences(files)).toEqual([]);
  });

  it('declares no address twice across the files', () => {
    const all = declared(files).map((d) => `${d.type}.${d.name}`);
    expect(new Set(all).size).toBe(all.length);
    expect(addresses).toHaveLength(all.length);
  });

  it('produces the same bytes on a second run', () => {
    const again = synthesizeTerraform(loadConfig(DEFAULT_CONF_DIR)).files;
    for (const name of Object.keys(files)) expect(renderFile(again[name])).toBe(renderFile(files[name]));
  });

  it('keeps no cdktf metadata in the output', () => {
    expect(JSON.stringify(files)).not.toMatch(/"metadata"|"uniqueId"|streamalert\/prod\//);
  });
});

describe('terraform file split', () => {
  it('drops the file of a cluster that is removed and adds one for a new cluster', () => {
    const { files } = synthWith((v) => {
      v.clusters.edge = v.clusters.corp;
      delete v.clusters.corp;
    });
    expect(Object.keys(files)).toEqual(['edge.tf.json', 'main.tf.json', 'prod.tf.json']);
    expect(unresolvedReferences(files)).toEqual([]);
  });
});

describe('stack addresses', () => {
  it('refuses two constructs that compute the same address', () => {
    const stack = new StreamAlertStack();
    new S3Bucket(new Construct(stack, 'a_b'), 'Default', { bucket: 'one' });
    new S3Bucket(new Construct(new Construct(stack, 'a'), 'b'), 'Default', { bucket: 'two' });
    expect(() => checkUniqueAddresses(stack)).toThrow(StreamAlertError);
    expect(() => checkUniqueAddresses(stack)).toThrow(/aws_s3_bucket\.a_b is declared twice/);
  });

  it('finds no duplicate in the bundled configuration', () => {
    expect(() => checkUniqueAddresses(buildStack(loadConfig(DEFAULT_CONF_DIR)))).not.toThrow();
  });

  it.each([
    ['us-west-2', 'us_west_2'],
    ['acme.prod.cloudtrail', 'acme_prod_cloudtrail'],
    ['vpc-0a1b', 'vpc_0a1b'],
    ['123abc', '_123abc'],
  ])('turns %s into the identifier %s', (name, id) => {
    expect(toIdentifier(name)).toBe(id);
  });
});

describe('sortKeys', () => {
  it('orders keys by code unit at every level and leaves arrays in order', () => {
    const sorted = sortKeys({ b: 1, B: 2, a: { d: [3, { z: 1, y: 2 }], c: 4 } });
    expect(JSON.stringify(sorted)).toBe('{"B":2,"a":{"c":4,"d":[3,{"y":2,"z":1}]},"b":1}');
  });
});
