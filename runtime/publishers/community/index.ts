/**
 * StreamAlert's community publishers, registered under their StreamAlert names when this module loads, so
 * rules can name them as StreamAlert rules do (`publishers: ['publishers.community.generic.add_record']`) or
 * import them (`publishers: { slack: [Summary, AttachFullRecord] }`).
 */
export * as generic from './generic';
export * as slackLayout from './slack-layout';
export * as pagerdutyLayout from './pagerduty-layout';
export { presentRuleDescription, type RulePresentation } from './rule-description';
