/**
 * The generated directory read by the real `terraform` binary, when one is installed (providers
 * cannot be downloaded here, so `validate` is out of reach). `terraform providers` loads every
 * file of the directory as one configuration: it rejects JSON syntax errors, malformed blocks and
 * meta-arguments, and an address declared in two files. The S3 backend is left out of the copy
 * because it would need `terraform init` and AWS credentials.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../runtime/config';
import { renderFile, synthesizeTerraform, type TerraformJson } from '../../cli/terraform/synthesize';
import { CORPUS_SAMPLES, importCorpusSample } from '../_helpers/corpus-import';
import { DEFAULT_CONF_DIR } from '../_helpers/paths';
import { makeTempDir } from '../_helpers/temp-dir';
import { describeWithCorpus } from '../_helpers/corpus';

describeWithCorpus('terraform-binary (reads the StreamAlert corpus)', () => {

  const hasTerraform = spawnSync('terraform', ['version'], { encoding: 'utf8' }).status === 0;
  const describeWithTerraform = hasTerraform ? describe : describe.skip;

  /** Writes the files without the backend, runs `terraform providers` there. */
  function terraformProviders(files: Readonly<Record<string, TerraformJson>>, edit?: (dir: string) => void): { code: number | null; output: string } {
    const dir = makeTempDir('streamalert-tf-');
    for (const [name, json] of Object.entries(files)) {
      const copy = JSON.parse(renderFile(json));
      if (copy.terraform) delete copy.terraform.backend;
      writeFileSync(join(dir, name), JSON.stringify(copy, null, 2));
    }
    edit?.(dir);
    const rc = join(makeTempDir(), 'terraformrc');
    writeFileSync(rc, '');
    const run = spawnSync('terraform', ['providers', '-no-color'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, TF_CLI_CONFIG_FILE: rc, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' },
      timeout: 60_000,
    });
    return { code: run.status, output: `${run.stdout}${run.stderr}` };
  }

  describeWithTerraform('generated Terraform read by the terraform binary', () => {
    it.each([['bundled conf/', DEFAULT_CONF_DIR] as const, ...Object.keys(CORPUS_SAMPLES).map((name) => [`imported ${name}`, name] as const)])(
      'loads the %s configuration as one multi-file module',
      (_name, source) => {
        const dir = source === DEFAULT_CONF_DIR ? source : importCorpusSample(source).dir;
        const { code, output } = terraformProviders(synthesizeTerraform(loadConfig(dir)).files);
        expect(output).toMatch(/provider\[registry\.terraform\.io\/hashicorp\/aws\] ~> 6\.0/);
        expect(code).toBe(0);
      },
    );

    it('would reject an address declared in two files (so the check above can fail)', () => {
      const { files } = synthesizeTerraform(loadConfig(DEFAULT_CONF_DIR));
      const { code, output } = terraformProviders(files, (dir) => {
        const prod = JSON.parse(readFileSync(join(dir, 'prod.tf.json'), 'utf8'));
        const corp = JSON.parse(readFileSync(join(dir, 'corp.tf.json'), 'utf8'));
        corp.resource.aws_kinesis_stream.prod_kinesis = prod.resource.aws_kinesis_stream.prod_kinesis;
        writeFileSync(join(dir, 'corp.tf.json'), JSON.stringify(corp));
      });
      expect(code).not.toBe(0);
      expect(output).toMatch(/Duplicate resource "aws_kinesis_stream" configuration/);
    });
  });
});
