import { loadConfig } from '../../../../runtime/config';
import { silentLogger } from '../../../../runtime/logger';
import { DEFAULT_CONF_DIR } from '../../../_helpers/paths';
import { kinesisEvent } from '../classifier/payloads/_events';
import { osquery } from './_records';
import { memoryWriter } from '../dead-letter/_memory-writer';

const rulesLoaded = jest.fn();
jest.mock('streamalert:config', () => ({ __esModule: true, default: { config: loadConfig(DEFAULT_CONF_DIR), cluster: 'corp' } }), { virtual: true });
jest.mock('streamalert:rules', () => rulesLoaded(), { virtual: true });

// Imported after the virtual modules are mocked, as the bundler provides them.
import { createHandler, handler } from '../../../../runtime/handlers/rule-processor-entry';

describe('rule processor entry', () => {
  it('loads the rules module and exports a handler for the embedded cluster', async () => {
    expect(rulesLoaded).toHaveBeenCalledTimes(1);
    expect(typeof handler).toBe('function');
    const evaluate = jest.fn(() => ['alert']);
    const handle = createHandler({ logger: silentLogger, evaluator: { evaluate } });
    const result = await handle(kinesisEvent('acme_corp_streamalert', JSON.stringify(osquery())));
    expect(result).toEqual({ counts: expect.objectContaining({ classified: { 'osquery:differential': 1 }, alerts: 1 }), batchItemFailures: [] });
    expect(evaluate).toHaveBeenCalledTimes(1);
  });

  it('serves only the embedded cluster: a prod stream is an unknown source there', async () => {
    const writer = memoryWriter();
    const result = await createHandler({ logger: silentLogger, deadLetter: writer })(kinesisEvent('acme_prod_streamalert', JSON.stringify(osquery())));
    expect(result.counts.unclassified).toBe(1);
    expect(writer.objects[0].entries[0].reason).toContain('cluster "corp"');
  });
});
