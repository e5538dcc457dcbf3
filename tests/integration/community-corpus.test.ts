/**
 * StreamAlert's own community test events (v3.5.0), run in place against this project's community rules,
 * with the corpus configuration imported by `streamalert config import`: rule names, log types and
 * expectations must agree with StreamAlert's.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { importStreamAlertConfig } from '../../cli/config/import';
import { filterEvents, loadFixtures, runTests, type TestRunSummary } from '../../cli/testing';
import { loadConfig, type Config } from '../../runtime/config';
import { CORPUS_DIR, REPO_ROOT } from '../_helpers/paths';
import { makeTempDir } from '../_helpers/temp-dir';
import { describeWithCorpus } from '../_helpers/corpus';

describeWithCorpus('community-corpus (reads the StreamAlert corpus)', () => {

  const COMMUNITY_EVENTS = join(CORPUS_DIR, 'events', 'v3.5.0', 'rules', 'community');
  const ALL_EVENTS = join(CORPUS_DIR, 'events', 'v3.5.0', 'rules');
  // StreamAlert's own pack (community, sample and its publisher), as StreamAlert ships it: this project's library
  // and Sigma rules also fire on some of these events, which StreamAlert's trigger_rules cannot list.
  let RULES_DIR: string;

  let config: Config;
  beforeAll(() => {
    RULES_DIR = mkdtempSync(join(REPO_ROOT, '.e2e-rules-'));
    for (const dir of ['community', 'sample', 'publishers']) cpSync(join(REPO_ROOT, 'rules', dir), join(RULES_DIR, dir), { recursive: true });
    const to = join(makeTempDir(), 'conf');
    importStreamAlertConfig({ from: join(CORPUS_DIR, 'config', 'v3.5.0', 'conf'), to, accountId: '123456789012', prefix: 'prefix' });
    config = loadConfig(to);
  });
  afterAll(() => {
    rmSync(RULES_DIR, { recursive: true, force: true });
  });

  function failures(summary: TestRunSummary): string[] {
    return summary.results.filter((r) => !r.passed).map((r) => `${r.file} [${r.index}] ${r.description}: ${r.reasons.join('; ')}`);
  }

  describe('the community pack against StreamAlert v3.5.0 community test events', () => {
    it('passes every event, through the deployed bundle', async () => {
      const fixtures = loadFixtures([COMMUNITY_EVENTS]);
      expect(fixtures.problems).toEqual([]);
      const summary = await runTests({ config, rulesDir: RULES_DIR, fixtures, typecheck: false });
      expect(failures(summary)).toEqual([]);
      expect(summary.results.length).toBe(fixtures.events.length);
      expect(summary.passed).toBeGreaterThanOrEqual(70);
      expect(summary.exitCode).toBe(0);
    });

    it('passes every S3 event with --source s3, read back through the S3 payload reader', async () => {
      const loaded = loadFixtures([COMMUNITY_EVENTS]);
      const events = filterEvents(loaded.events, { source: 's3' });
      const summary = await runTests({ config, rulesDir: RULES_DIR, fixtures: { ...loaded, events }, typecheck: false });
      expect(failures(summary)).toEqual([]);
      expect(summary.results.every((r) => r.service === 's3')).toBe(true);
      expect(summary.results.length).toBeGreaterThanOrEqual(30);
    });
  });

  describe('every StreamAlert v3.5.0 rule test event (classifier, community and sample)', () => {
    it('passes, classify-only events included', async () => {
      const fixtures = loadFixtures([ALL_EVENTS]);
      const summary = await runTests({ config, rulesDir: RULES_DIR, fixtures, typecheck: false });
      expect(failures(summary)).toEqual([]);
      expect(summary.results.filter((r) => r.classifyOnly).length).toBeGreaterThan(5);
    });
  });
});
