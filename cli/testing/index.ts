/** `streamalert lambda test`: fixtures, time helpers, Lambda events, the runner and its report. */
export * from './types';
export { loadFixtures, readFixtureFile, toTestEvent } from './fixtures';
export { fillTimeHelpers, expandHelper } from './time-helpers';
export { buildLambdaEvent, fillTemplate, templatesDir } from './events';
export { createMemoryStore, type MemoryStore } from './memory-store';
export { overrideRecord, defaultRecord } from './override-record';
export { filterEvents, type EventFilter } from './filter';
export { judge, type Observed } from './compare';
export { runTests, type RunTestsOptions } from './runner';
export { loadBundledFunction, loadRulesEvaluator, type BundleExports, type HandlerOverrides, type Evaluator, type RulesEvaluatorOptions } from './bundled-function';
export { printReport, printFileResults } from './report';
export { ruleSourcePlugin, extractDescriptions, annotateSource, docCommentText } from './rule-source';
export { runLambdaTest, type LambdaTestOptions } from './run-lambda-test';
