import { publisher, py } from '../../runtime/rules';

/**
 * Sets the Demisto incident fields of an alert from its rule's `context.demisto`: each key becomes the
 * Demisto field `@demisto.<key>` (incident_type, playbook, severity...). StreamAlert's sample publisher of
 * the same name. Without `context.demisto` the publication is left as it is (StreamAlert's fallback
 * classifier could never run: it called a string method Python does not have).
 */
export const demisto_classification = publisher('publishers.sample.sample_demisto.demisto_classification', (alert, publication) => {
  if (!py.contains(alert.context, 'demisto')) return publication;
  const fields = py.item(alert.context, 'demisto');
  if (!py.isDict(fields)) return publication;
  return { ...publication, ...Object.fromEntries(Object.entries(fields).map(([key, value]) => [`@demisto.${key}`, value])) };
});
