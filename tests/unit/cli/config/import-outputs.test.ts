import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importStreamAlertConfig } from '../../../../cli/config/import';
import { loadConfig } from '../../../../runtime/config';
import { CORPUS_SAMPLES, importCorpusSample } from '../../../_helpers/corpus-import';
import { makeTempDir } from '../../../_helpers/temp-dir';
import { describeWithCorpus } from '../../../_helpers/corpus';

describeWithCorpus('import-outputs (reads the StreamAlert corpus)', () => {

  describe('config import of outputs.json', () => {
    it('carries StreamAlert outputs.json over unchanged and loads it', () => {
      const { dir } = importCorpusSample('v3.5.0');
      const source = join(CORPUS_SAMPLES['v3.5.0'].from, 'outputs.json');
      expect(JSON.parse(readFileSync(join(dir, 'outputs.json'), 'utf8'))).toEqual(JSON.parse(readFileSync(source, 'utf8')));
      expect(loadConfig(dir).outputs.slack).toEqual({ 'sample-channel': null });
    });

    it('says StreamAlert 1.x secrets must be set again, naming the command', () => {
      const { report } = importCorpusSample('1.4.0');
      expect(report.outputs.map((o) => [o.output, o.setAgain])).toEqual([
        ['pagerduty:sample_integration', true],
        ['phantom:sample_integration', true],
        ['slack:sample_channel', true],
      ]);
      expect(report.outputs[2].reason).toContain('`streamalert output set slack --descriptor sample_channel`');
    });

    it('reuses StreamAlert v3 SSM parameters under the same prefix, and asks again when the prefix changes', () => {
      const from = CORPUS_SAMPLES['v3.5.0-unit-conf'].from;
      const same = importStreamAlertConfig({ from, to: join(makeTempDir(), 'conf'), accountId: '123456789012' });
      const slack = same.outputs.find((o) => o.output === 'slack:unit_test_channel');
      expect(slack).toMatchObject({ setAgain: false, parameter: '/unit-test/streamalert/outputs/slack/unit_test_channel' });
      const renamed = importStreamAlertConfig({ from, to: join(makeTempDir(), 'conf'), accountId: '123456789012', prefix: 'acme' });
      expect(renamed.outputs.every((o) => o.setAgain)).toBe(true);
      expect(renamed.outputs.find((o) => o.output === 'slack:unit_test_channel')?.reason).toContain('prefix changed from "unit-test" to "acme"');
      // Outputs configured by resource (aws-s3, aws-sns, ...) have no secrets and are not listed.
      expect(renamed.outputs.some((o) => o.output.startsWith('aws-s3:'))).toBe(false);
    });
  });
});
