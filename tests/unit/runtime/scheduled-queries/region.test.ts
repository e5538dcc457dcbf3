/** Scheduled-query results go to the destination stream's region (its cluster's), not the function's. */
import { KinesisClient, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { mockClient } from 'aws-sdk-client-mock';
import { loadConfig } from '../../../../runtime/config';
import { createKinesisSender, streamRegion } from '../../../../runtime/scheduled-queries';
import { DEFAULT_CONF_DIR } from '../../../_helpers/paths';

const kinesis = mockClient(KinesisClient);
afterAll(() => kinesis.restore());

describe('the region of scheduled-query results', () => {
  const config = loadConfig(DEFAULT_CONF_DIR);

  it('is the region of the cluster whose kinesis data sources name the stream, else the account region', () => {
    expect(config.clusters.corp?.region).toBe('us-west-2');
    expect(streamRegion(config, 'acme_corp_streamalert')).toBe('us-west-2');
    expect(streamRegion(config, 'acme_prod_streamalert')).toBe('us-east-1');
    expect(streamRegion(config, 'not_a_data_source')).toBe(config.account.region);
  });

  it('builds the Kinesis client for that region, whatever the function runs in', async () => {
    const saved = process.env.AWS_REGION;
    process.env.AWS_REGION = 'eu-west-1';
    try {
      kinesis.on(PutRecordsCommand).resolves({ FailedRecordCount: 0, Records: [{ SequenceNumber: '1', ShardId: 's' }] });
      const record = { streamquery_schema_version: '1.0.0', execution: { name: 'q', query: 'SELECT 1', data_type: 'json', output_location: '', status: 'SUCCEEDED', succeeded: true, console_link: '', query_parameters: {} }, data: { headers: [], rows: [], count: 0 } };
      await createKinesisSender('acme_corp_streamalert', { region: streamRegion(config, 'acme_corp_streamalert') })([record as never]);
      const client = kinesis.call(0).thisValue as KinesisClient;
      expect(await client.config.region()).toBe('us-west-2');
    } finally {
      process.env.AWS_REGION = saved;
    }
  });
});
