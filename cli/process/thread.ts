/** What each thread of a `streamalert process` run needs to classify: set up the same way in the main thread and in workers. */
import type { Alert } from '../../runtime/rules/types';
import { publicationsOf, type Compose } from '../testing/publisher-tests';
import { createClassifier } from '../../runtime/classifier';
import { readContext, type ReadContext, type ReadIssue, type ReadLimits } from '../../runtime/classifier/payloads';
import type { Config } from '../../runtime/config';
import type { Candidates, RecordEvaluator } from '../../runtime/handlers';
import { replayCandidates } from './dead-letter';
import { createRecordCounter } from './record-count';
import { createRecordProcessor, type RecordProcessor, type RecordSinks } from './records';

/** The settings of a run, as plain data (they are passed to each worker). */
export interface ThreadSetup {
  /** Configuration directory. */
  readonly configDir: string;
  /** Fixed candidates, or each dead letter's own source (`replay`). */
  readonly candidates: { readonly kind: 'fixed'; readonly logTypes: readonly string[]; readonly cluster?: string } | { readonly kind: 'replay'; readonly cluster?: string };
  /** The inputs are dead-letter objects. */
  readonly replay: boolean;
  readonly limits: Partial<ReadLimits>;
  /** Write unclassified records. */
  readonly unclassified: boolean;
  /** The rule processor bundle whose rules engine runs (`process --rules`), as a file to require. */
  readonly rulesBundle?: { readonly file: string; readonly cluster: string };
}

/** A thread ready to read tasks. */
export interface Thread {
  readonly processor: RecordProcessor;
  readonly reader: ReadContext;
}

/** Builds the classifier, candidates and processor of one thread. */
export function createThread(setup: ThreadSetup, config: Config, evaluator: RecordEvaluator | undefined, sinks: RecordSinks): Thread {
  const classifier = createClassifier(config);
  let candidatesFor: Parameters<typeof createRecordProcessor>[0]['candidatesFor'];
  if (setup.candidates.kind === 'replay') {
    candidatesFor = replayCandidates(config, setup.candidates.cluster);
  } else {
    // One object for every record: no allocation per record.
    const fixed: Candidates = { ok: true, logTypes: setup.candidates.logTypes, cluster: setup.candidates.cluster };
    candidatesFor = () => fixed;
  }
  const recordsIn = createRecordCounter(config);
  const processor: RecordProcessor = createRecordProcessor({ classifier, candidatesFor, evaluator, sinks, recordsIn });
  const reader = readContext({ onIssue: (issue: ReadIssue) => processor.issue(issue), limits: setup.limits });
  return { processor, reader };
}

/** The rules engine of a bundle written by `writeRulesBundle` (cli/testing/bundled-function.ts). */
export function loadBundleEvaluator(bundle: { readonly file: string; readonly cluster: string }): RecordEvaluator {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exports = require(bundle.file) as {
    loadRules(): unknown[];
    createRulesEngine(options: { rules: unknown[]; cluster: string }): RecordEvaluator;
    composePublication: Compose;
  };
  const engine = exports.createRulesEngine({ rules: exports.loadRules(), cluster: bundle.cluster });
  // Each alert line shows what every output would receive after the rule's publishers (nothing is sent).
  return {
    evaluate: (record) =>
      engine.evaluate(record).map((alert) => {
        const { outputs } = publicationsOf(alert as Alert, exports.composePublication);
        return { ...(alert as Alert), publications: outputs };
      }),
  };
}
