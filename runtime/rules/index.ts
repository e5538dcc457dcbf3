/**
 * Rules: the rule-author API (`rule`, `disable`, `matcher`, helpers), the registry and the rules engine.
 * Rule files import from here.
 */
export * from './types';
export { rule, disable, matcher, type TypedRuleOptions } from './rule';
export { loadRules, annotateRuleFile, clearRules } from './registry';
export { createRulesEngine, type RulesEngine, type RulesEngineOptions, type RulesEngineStats } from './engine';
export { alertId, buildAlert, canonicalJson } from './alert';
export { RuleDefinitionError, RecordShapeError, isRecordShapeError, type PythonErrorKind } from './errors';
export { lookupTable, setLookupTables, type LookupTables } from './lookup-tables';
export { getPath, hasPath, inSet } from './helpers/lookup';
export { inCidrs, isIpAddress, isPrivateIp } from './helpers/ip';
export { setClock, toEpochMillis, withinLastDay, withinLastHour, withinLastMinutes } from './helpers/time';
export { valuesByType } from './helpers/normalized';
export * as py from './helpers/python';
export { dataHasValueFromSubstringList, getKeys, safeJsonLoads } from './helpers/streamalert';
export * from './matchers';
export { threatIntelMatches } from './helpers/threat-intel';
export { publisher, type Publisher, type Publication, type PublisherFunction } from '../publishers';
