/**
 * Tests that read Airbnb StreamAlert's corpus (its configuration samples and rule test events) run when the
 * corpus is present, are skipped with the reason when it is absent (a user's clone), and fail when CI says the
 * corpus is required (STREAMALERT_CORPUS_REQUIRED=1 or STREAMALERT_CORPUS_DIR) but it is missing.
 */
import { CORPUS_DIR, CORPUS_REQUIRED, HAS_CORPUS } from './paths';

/** The title of the one skipped test that stands for a group needing the corpus (the summary reporter counts them). */
export const CORPUS_SKIP_TITLE = `needs the StreamAlert corpus, not found at ${CORPUS_DIR} (set STREAMALERT_CORPUS_DIR to its folder)`;

function missing(title: string): void {
  if (CORPUS_REQUIRED) {
    it(`${title}: the corpus is required here`, () => {
      throw new Error(`STREAMALERT_CORPUS_REQUIRED=1 or STREAMALERT_CORPUS_DIR is set, but the StreamAlert corpus is not at ${CORPUS_DIR}`);
    });
  } else it.skip(CORPUS_SKIP_TITLE, () => undefined);
}

/** `describe` for a group that reads the corpus: its body is not even collected when the corpus is absent. */
export function describeWithCorpus(title: string, body: () => void): void {
  if (HAS_CORPUS) describe(title, body);
  else describe(title, () => missing(title));
}

/** `it` for one test that reads the corpus, inside a group that does not. */
export function itWithCorpus(title: string, body: () => unknown, timeout?: number): void {
  if (HAS_CORPUS) it(title, body as () => Promise<unknown>, timeout);
  else missing(title);
}
