/** Sigma rules at run time: compiled rules (JSON) registered as rules, and their matching. */
export type { CompiledSigmaCorrelation, CompiledSigmaRule, Condition, FieldTest, Selection, ValueOp, ValueTest } from './types';
export { detectionPredicate, globRegExp, valuePredicate } from './match';
export { registerSigmaCorrelation, registerSigmaRule, sigmaRuleFunction, sigmaRuleOptions } from './register';
