// Prints one plain closing line, "N passed, N failed" (", N skipped" when any), after jest's own summary,
// so that tools reading the last line of a run get the counts without parsing jest's table. Skipped tests are
// explained first, one line per reason (the corpus tests of a clone without the StreamAlert corpus).
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const reasons = new Map();
    for (const file of results.testResults) {
      for (const test of file.testResults) {
        if (test.status !== 'pending' || !test.title.startsWith('needs ')) continue;
        reasons.set(test.title, (reasons.get(test.title) ?? 0) + 1);
      }
    }
    for (const [reason, n] of reasons) process.stderr.write(`\nskipped ${n} test group(s): ${reason}`);
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `${results.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
    process.stderr.write(`\n${line}\n`);
  }
}
module.exports = SummaryReporter;
