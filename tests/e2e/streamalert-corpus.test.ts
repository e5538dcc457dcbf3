/**
 * A StreamAlert v3.5.0 user's migration, as processes: `config import` of StreamAlert's sample configuration,
 * then one `lambda test` over every StreamAlert rule test event of the corpus against the bundled community
 * pack. Each event must classify as its log type and fire exactly the rules its `trigger_rules` names (read
 * here from the corpus files, not taken from the runner's verdict).
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { jsonFilesUnder } from '../_helpers/corpus-events';
import { CORPUS_DIR, REPO_ROOT } from '../_helpers/paths';
import { runCli } from '../_helpers/run-cli';
import { makeTempDir } from '../_helpers/temp-dir';
import { describeWithCorpus } from '../_helpers/corpus';

describeWithCorpus('streamalert-corpus (reads the StreamAlert corpus)', () => {

  const RULE_EVENTS_DIR = join(CORPUS_DIR, 'events', 'v3.5.0', 'rules');

  interface CorpusRuleEvent {
    readonly log: string;
    readonly description: string;
    readonly trigger_rules?: readonly string[];
    readonly classify_only?: boolean;
  }

  interface Result {
    readonly file: string;
    readonly index: number;
    readonly passed: boolean;
    readonly actualLogs: readonly string[];
    readonly actualRules: readonly string[];
    readonly reasons: readonly string[];
  }

  interface Summary {
    readonly results: readonly Result[];
    readonly problems: readonly unknown[];
    readonly disabledRules: readonly string[];
    readonly exitCode: number;
  }

  const events = jsonFilesUnder(RULE_EVENTS_DIR).flatMap((file) =>
    (JSON.parse(readFileSync(file, 'utf8')) as CorpusRuleEvent[]).map((event, index) => ({
      name: `${relative(RULE_EVENTS_DIR, file)} [${index}]`,
      file,
      index,
      event,
    })),
  );

  let summary: Summary;
  let exitCode: number | null;
  beforeAll(() => {
    const conf = join(makeTempDir('streamalert-corpus-'), 'conf');
    const imported = runCli(['config', 'import', '--from', join(CORPUS_DIR, 'config', 'v3.5.0', 'conf'), '--to', conf, '--account-id', '123456789012', '--prefix', 'acme']);
    expect(imported.code).toBe(0);
    // StreamAlert's own pack (community, sample and its publisher), as StreamAlert ships it: this project's library
    // and Sigma rules also fire on some of these events, which StreamAlert's trigger_rules cannot list.
    const pack = mkdtempSync(join(REPO_ROOT, '.e2e-rules-'));
    for (const dir of ['community', 'sample', 'publishers']) cpSync(join(REPO_ROOT, 'rules', dir), join(pack, dir), { recursive: true });
    const run = runCli(['--json', 'lambda', 'test', '--no-typecheck', '--config', conf, '--rules-dir', pack, RULE_EVENTS_DIR]);
    rmSync(pack, { recursive: true, force: true });
    exitCode = run.code;
    summary = JSON.parse(run.stdout) as Summary;
  }, 120_000);

  describe('StreamAlert v3.5.0 rule test events, through an imported v3.5.0 configuration', () => {
    it('reads every test file and runs every event, with exit code 0', () => {
      expect(events.length).toBeGreaterThanOrEqual(80);
      expect(summary.problems).toEqual([]);
      expect(summary.results).toHaveLength(events.length);
      expect(exitCode).toBe(0);
    });

    it('keeps the two rules StreamAlert ships disabled off', () => {
      expect([...summary.disabledRules].sort()).toEqual(['fleet_bad_action', 'onelogin_events_threat_intel_example']);
    });

    it.each(events.map((e) => [e.name, e] as const))('%s classifies and fires exactly its trigger_rules', (_name, { file, index, event }) => {
      const result = summary.results.find((r) => r.file === file && r.index === index);
      expect(result?.reasons).toEqual([]);
      expect(result?.actualLogs.length).toBeGreaterThan(0);
      expect(new Set(result?.actualLogs)).toEqual(new Set([event.log]));
      if (event.classify_only !== true) {
        const expected = (event.trigger_rules ?? []).filter((r) => !summary.disabledRules.includes(r));
        expect([...(result?.actualRules ?? [])].sort()).toEqual([...expected].sort());
      }
      expect(result?.passed).toBe(true);
    });
  });
});
