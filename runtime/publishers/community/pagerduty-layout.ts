/**
 * StreamAlert's PagerDuty layout publishers (`publishers/community/pagerduty/pagerduty_layout.py`), named
 * `publishers.community.pagerduty.pagerduty_layout.<name>`.
 */
import { publisher } from '../registry';
import type { Publication } from '../types';
import { stringifyArrays } from './generic';

const NAME = 'publishers.community.pagerduty.pagerduty_layout';
/** The image `AttachImage` adds (upstream's banner). */
export const PAGERDUTY_IMAGE = {
  src: 'https://streamalert.io/en/stable/_images/sa-banner.png',
  href: 'https://streamalert.io/en/stable/',
  alt: 'StreamAlert Docs',
} as const;

const list = (publication: Publication, key: string): unknown[] => (Array.isArray(publication[key]) ? [...(publication[key] as unknown[])] : []);

/** Titles become just the rule name (events v1/v2 and incidents). */
export const ShortenTitle = publisher(`${NAME}.ShortenTitle`, (alert, publication) => ({
  ...publication,
  '@pagerduty-v2.summary': alert.rule_name,
  '@pagerduty-incident.incident_title': alert.rule_name,
  '@pagerduty.description': alert.rule_name,
}));

/** The publication's own fields (not `@pagerduty*`) become the event's custom details. */
export const asCustomDetails = publisher(`${NAME}.as_custom_details`, (_alert, publication) => {
  const details = Object.fromEntries(Object.entries(publication).filter(([key]) => !key.startsWith('@pagerduty')));
  return { ...publication, '@pagerduty.details': details, '@pagerduty-v2.custom_details': details };
});

/** Critical severity and high urgency. */
export const v2HighUrgency = publisher(`${NAME}.v2_high_urgency`, (_alert, publication) => ({
  ...publication,
  '@pagerduty-v2.severity': 'critical',
  '@pagerduty-incident.urgency': 'high',
}));

/** Warning severity and low urgency. */
export const v2LowUrgency = publisher(`${NAME}.v2_low_urgency`, (_alert, publication) => ({
  ...publication,
  '@pagerduty-v2.severity': 'warning',
  '@pagerduty-incident.urgency': 'low',
}));

/** Arrays of scalars joined with a visible separator (PagerDuty shows arrays poorly). */
export const PrettyPrintArrays = publisher(`${NAME}.PrettyPrintArrays`, (_alert, publication) => stringifyArrays(publication, '\n\n----------\n\n'));

/** Adds an image to events v2 (`images`) and v1 (`contexts`). */
export const AttachImage = publisher(`${NAME}.AttachImage`, (_alert, publication) => ({
  ...publication,
  '@pagerduty-v2.images': [...list(publication, '@pagerduty-v2.images'), { ...PAGERDUTY_IMAGE }],
  '@pagerduty.contexts': [...list(publication, '@pagerduty.contexts'), { type: 'image', src: PAGERDUTY_IMAGE.src }],
}));
