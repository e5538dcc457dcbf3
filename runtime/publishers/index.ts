/** Publishers: the author API (`publisher`), the registry, the default publisher and composition per output. */
export * from './types';
export { publisher, getPublisher, publisherNames, clearPublishers } from './registry';
export { defaultPublisher, defaultPublication } from './default';
export { composePublication, publishersForOutput, publisherNamesOf } from './compose';
export { PublisherError } from './errors';
