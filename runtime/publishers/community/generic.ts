/**
 * StreamAlert's generic community publishers (`publishers/community/generic.py`), under the names rules
 * use there: `publishers.community.generic.<name>`.
 */
import type { Alert } from '../../rules/types';
import { publisher } from '../registry';
import type { Publication } from '../types';
import { clone, deleteKeysMatching, flattenPaths, isPlainObject, valuesOfKey } from './walk';

const NAME = 'publishers.community.generic';
/** The key the classifier stores normalized values under. */
const NORMALIZATION_KEY = 'streamalert_normalization';

function contextList(alert: Alert, key: string): string[] {
  const value = alert.context[key];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Adds the alert's record under `record`. */
export const addRecord = publisher(`${NAME}.add_record`, (alert, publication) => ({ ...publication, record: alert.record }));

/** Starts from nothing (an empty publication). */
export const blank = publisher(`${NAME}.blank`, () => ({}));

/** Drops the fields only StreamAlert cares about: `staged`, `publishers`, `outputs`. */
export const removeInternalFields = publisher(`${NAME}.remove_internal_fields`, (_alert, publication) => {
  const internal = new Set(['staged', 'publishers', 'outputs']);
  return Object.fromEntries(Object.entries(publication).filter(([key]) => !internal.has(key)));
});

/** Deletes, at any depth, every key matched by a regular expression of the rule context's `remove_fields`. */
export const removeFields = publisher(`${NAME}.remove_fields`, (alert, publication) => {
  const copy = clone(publication) as Record<string, unknown>;
  for (const field of contextList(alert, 'remove_fields')) deleteKeysMatching(copy, new RegExp(field));
  return copy;
});

/** Deletes the classifier's normalization key wherever it appears. */
export const removeStreamalertNormalization = publisher(`${NAME}.remove_streamalert_normalization`, (_alert, publication) => {
  const copy = clone(publication) as Record<string, unknown>;
  deleteKeysMatching(copy, new RegExp(NORMALIZATION_KEY));
  return copy;
});

/** Flattens the publication to one level: `{ 'record.user.name': 'x', 'outputs[0]': 'slack:sec' }`, sorted. */
export const enumerateFields = publisher(`${NAME}.enumerate_fields`, (_alert, publication) => flattenPaths(publication));

/** Keeps only the keys the rule context's `populate_fields` lists, each with every value found under it. */
export const populateFields = publisher(`${NAME}.populate_fields`, (alert, publication) =>
  Object.fromEntries(contextList(alert, 'populate_fields').map((field) => [field, valuesOfKey(publication, field)])),
);

function isScalarArray(value: unknown): value is unknown[] {
  return Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null);
}

/** Replaces each array of scalars by its items joined with `delimiter` (for outputs that show text). */
export function stringifyArrays(publication: Publication, delimiter: string): Publication {
  const copy = clone(publication) as Record<string, unknown>;
  const fringe: unknown[] = [copy];
  while (fringe.length > 0) {
    const next = fringe.shift();
    if (Array.isArray(next)) fringe.push(...next);
    else if (isPlainObject(next)) {
      for (const [key, item] of Object.entries(next)) {
        if (isScalarArray(item)) next[key] = item.map((v) => (v === null ? 'None' : String(v))).join(delimiter);
        else fringe.push(item);
      }
    }
  }
  return copy;
}

/** Joins arrays of scalars with newlines. */
export const StringifyArrays = publisher(`${NAME}.StringifyArrays`, (_alert, publication) => stringifyArrays(publication, '\n'));
