import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { importStreamAlertConfig } from '../../../../cli/config/import';
import { checkTerraformConfig } from '../../../../cli/terraform/check-config';
import { loadConfig } from '../../../../runtime/config';
import { ConfigError, UsageError } from '../../../../runtime/errors';
import { CORPUS_SAMPLES, importCorpusSample } from '../../../_helpers/corpus-import';
import { CORPUS_DIR } from '../../../_helpers/paths';
import { makeTempDir } from '../../../_helpers/temp-dir';
import { describeWithCorpus } from '../../../_helpers/corpus';

describeWithCorpus('import (reads the StreamAlert corpus)', () => {

  describe('streamalert config import', () => {
    it.each(Object.keys(CORPUS_SAMPLES))('imports the %s sample into a configuration that validates', (name) => {
      const { dir, report } = importCorpusSample(name);
      const config = loadConfig(dir);
      expect(Object.keys(config.clusters)).toEqual(report.clusters);
      expect(Object.keys(config.logs).length).toBeGreaterThan(0);
      expect(config.account).toEqual(expect.objectContaining({ id: '123456789012', prefix: 'acme' }));
    });

    it("brings lookup_tables.json and normalized_types.json over unchanged, and threat_intel.json with StreamAlert's per-cluster switch", () => {
      const { dir, report } = importCorpusSample('v3.5.0');
      const source = join(CORPUS_DIR, 'config', 'v3.5.0', 'conf');
      const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
      const withoutSchema = (value: Record<string, unknown>) => Object.fromEntries(Object.entries(value).filter(([k]) => k !== '$schema'));
      expect(withoutSchema(read(join(dir, 'lookup_tables.json')))).toEqual(read(join(source, 'lookup_tables.json')));
      expect(withoutSchema(read(join(dir, 'normalized_types.json')))).toEqual(read(join(source, 'normalized_types.json')));
      // clusters/prod.json has "enable_threat_intel": false: no rule processor matches IOCs.
      expect(read(join(dir, 'threat_intel.json'))).toEqual(expect.objectContaining({ dynamodb_table_name: 'table_name', enabled: false, clusters: [] }));
      expect(report.warnings.join('\n')).not.toMatch(/(threat_intel|lookup_tables|normalized_types)\.json not imported/);
      const config = loadConfig(dir);
      expect(config.lookup_tables.tables['s3-backed-table']).toEqual(expect.objectContaining({ driver: 's3', bucket: 's3-bucket-name' }));
      expect(config.logs['onelogin:events']?.configuration.normalization?.sourceAddress).toEqual([{ path: ['ipaddr'] }, { path: ['proxy_ip'] }]);
    });

    it('prints no "not supported yet" line for StreamAlert v3.5.0\'s infrastructure keys: rule staging mapped, the others explained', () => {
      const { dir, report } = importCorpusSample('v3.5.0');
      const warnings = report.warnings.join('\n');
      expect(warnings).not.toMatch(/not supported yet/);
      expect(warnings).toMatch(/infrastructure\.alerts_table: the alerts table is on-demand/);
      expect(warnings).toMatch(/infrastructure\.classifier_sqs: the classifier and the rules engine are one function here/);
      expect(warnings).toMatch(/infrastructure\.artifact_extractor is disabled in the source/);
      // cache_refresh_minutes: 10 becomes cache_seconds: 600; enabled: false stays off.
      expect(loadConfig(dir).global.rule_staging).toEqual(expect.objectContaining({ enabled: false, cache_seconds: 600 }));
    });

    it.each(Object.keys(CORPUS_SAMPLES))('writes for the %s sample a configuration that passes every check of config validate', (name) => {
      const { dir } = importCorpusSample(name);
      expect(checkTerraformConfig(loadConfig(dir)).problems).toEqual([]);
    });

    it("leaves out the unit-test configuration's s3_events buckets that are no data source, saying how to add them back", () => {
      const { dir, report } = importCorpusSample('v3.5.0-unit-conf');
      expect(report.warnings.join('\n')).toMatch(/clusters\/test: s3_events bucket "unit-test-bucket" is not an s3 data source of the cluster[^\n]*add "unit-test-bucket": \[<log types>\] to data_sources.s3/);
      expect(loadConfig(dir).clusters.test?.modules.s3_events).toBeUndefined();
    });

    it("maps lambda.json's threat_intel_downloader_config to the downloader's ThreatStream settings", () => {
      const config = loadConfig(importCorpusSample('v3.5.0-unit-conf').dir);
      expect(config.threat_intel.downloader).toEqual(
        expect.objectContaining({
          enabled: true,
          memory: 128,
          timeout: 60,
          threatstream: expect.objectContaining({ ioc_types: ['domain', 'ip', 'md5'], ioc_filters: ['crowdstrike', '@airbnb.com'], excluded_sub_types: ['bot_ip', 'brute_ip', 'scan_ip', 'spam_ip', 'tor_ip'] }),
        }),
      );
    });

    it('keeps v3 schema files byte for byte', () => {
      const { dir } = importCorpusSample('v3.5.0');
      const source = join(CORPUS_DIR, 'config', 'v3.5.0', 'conf', 'schemas');
      const files = readdirSync(source).sort();
      expect(readdirSync(join(dir, 'schemas')).sort()).toEqual(files);
      for (const file of files) {
        expect(readFileSync(join(dir, 'schemas', file))).toEqual(readFileSync(join(source, file)));
      }
    });

    it('maps v3 cluster data_sources and modules', () => {
      const config = loadConfig(importCorpusSample('v3.5.0').dir);
      const prod = config.clusters.prod;
      expect(prod.data_sources.kinesis).toEqual({ prefix_cluster1_streamalert: ['cloudwatch', 'ghe', 'osquery'] });
      expect(prod.data_sources.streamalert_app?.['prefix_cluster_duo_auth_sm-app-name_app']).toEqual(['duo']);
      expect(prod.modules.rule_processor).toEqual(expect.objectContaining({ memory: 128, timeout: 60, log_retention_days: 14 }));
      expect(prod.modules.cloudwatch_monitoring).toEqual(
        expect.objectContaining({ enabled: true, kinesis_alarms_enabled: false, lambda_alarms_enabled: true }),
      );
    });

    it('maps every module of the advanced unit-test cluster', () => {
      const advanced = loadConfig(importCorpusSample('v3.5.0-unit-conf').dir).clusters.advanced.modules;
      expect(advanced.cloudtrail?.enabled).toBe(true);
      expect(advanced.cloudwatch_logs).toEqual(expect.objectContaining({ cross_account_ids: ['123456789012'], regions: ['us-west-2', 'us-east-2'] }));
      expect(advanced.flow_logs?.vpcs).toEqual(['vpc-id-1', 'vpc-id-2']);
      expect(advanced.cloudwatch_monitoring?.kinesis_iterator_age.threshold).toBe(3000000);
      // Its s3_events buckets are no data source of the cluster: left out (with a warning), so validate accepts it.
      expect(advanced.s3_events).toBeUndefined();
      expect(advanced.kinesis?.streams.create_user).toBe(true);
    });

    it('gives 1.4 sources.json to every cluster and keeps logs.json', () => {
      const { dir } = importCorpusSample('1.4.0');
      expect(readFileSync(join(dir, 'logs.json'))).toEqual(readFileSync(join(CORPUS_DIR, 'config', '1.4.0', 'conf', 'logs.json')));
      const config = loadConfig(dir);
      expect(config.clusters.prod.data_sources.s3).toEqual({ example_s3_bucket: ['carbonblack', 'osquery', 'cloudtrail'] });
      expect(config.clusters.prod.modules.rule_processor.timeout).toBe(10);
      expect(config.global.firehose.enabled).toBe(true);
    });

    it('reports placeholder account values and asks for the flags', () => {
      const to = join(makeTempDir(), 'conf');
      let error: unknown;
      try {
        importStreamAlertConfig({ from: join(CORPUS_DIR, 'config', 'v3.5.0', 'conf'), to });
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems;
      expect(problems).toEqual([
        expect.objectContaining({ pointer: '/account/aws_account_id', value: 'AWS_ACCOUNT_ID_GOES_HERE', hint: 'pass --account-id <12 digits>' }),
        expect.objectContaining({ pointer: '/account/prefix', value: 'PREFIX_GOES_HERE', hint: 'pass --prefix <prefix>' }),
      ]);
      expect(existsSync(to)).toBe(false);
    });

    it('names undeclared log types of a 1.3 configuration unless told to drop them', () => {
      const sample = CORPUS_SAMPLES['1.3.0'];
      const to = join(makeTempDir(), 'conf');
      expect(() =>
        importStreamAlertConfig({ from: sample.from, schemas: sample.schemas, to, accountId: '123456789012', prefix: 'acme' }),
      ).toThrow(/names log types no schema declares: json_log, syslog_log, kv_log, csv_log/);
    });

    it('says where the schemas are when a 1.3 directory has none', () => {
      expect(() =>
        importStreamAlertConfig({ from: CORPUS_SAMPLES['1.3.0'].from, to: makeTempDir(), accountId: '123456789012', prefix: 'acme' }),
      ).toThrow(/no log schemas found/);
    });

    it('refuses a non-empty target without --force', () => {
      const to = makeTempDir();
      writeFileSync(join(to, 'keep.txt'), 'mine');
      expect(() => importStreamAlertConfig({ ...CORPUS_SAMPLES['v3.5.0'], to, accountId: '123456789012', prefix: 'acme' })).toThrow(UsageError);
    });

    it('rejects a directory that is not a StreamAlert configuration', () => {
      const from = makeTempDir();
      mkdirSync(join(from, 'nothing'));
      expect(() => importStreamAlertConfig({ from, to: makeTempDir() })).toThrow(/is not a StreamAlert configuration directory/);
    });
  });
});
