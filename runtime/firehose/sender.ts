/**
 * The default {@link FirehoseSender}: PutRecordBatch on one Firehose client per region and container, both
 * the SDK module and the client loaded on first use from a lazy module (its own file in the Lambda zip), so
 * a cold start pays nothing for them. The SDK itself honours `AWS_ENDPOINT_URL` (and
 * `AWS_ENDPOINT_URL_FIREHOSE`), which the loopback tests use.
 */
import type { Config } from '../config/types';
import type { FailedEntry, FirehoseSender } from './types';

type FirehoseSdk = typeof import('./firehose-sdk.lazy');
type Client = { readonly firehose: InstanceType<FirehoseSdk['FirehoseClient']>; readonly sdk: FirehoseSdk };

const clients = new Map<string, Promise<Client>>();

function firehoseClient(region: string): Promise<Client> {
  let client = clients.get(region);
  if (client === undefined) {
    client = import('./firehose-sdk.lazy').then((sdk) => ({ sdk, firehose: new sdk.FirehoseClient({ region }) }));
    clients.set(region, client);
  }
  return client;
}

/**
 * A sender on the delivery streams of `region` (the account region, where the `firehose` module creates
 * them, which may differ from the function's region).
 */
export function createFirehoseSender(region: string): FirehoseSender {
  return {
    async putRecordBatch(streamName, records) {
      const { firehose, sdk } = await firehoseClient(region);
      const output = await firehose.send(
        new sdk.PutRecordBatchCommand({ DeliveryStreamName: streamName, Records: records.map((Data) => ({ Data })) }),
      );
      if ((output.FailedPutCount ?? 0) === 0) return { failed: [] };
      const responses = output.RequestResponses ?? [];
      const failed: FailedEntry[] = [];
      records.forEach((_, index) => {
        const response = responses[index];
        // An entry without a response is counted as refused: never report a record as sent that may not be.
        if (response === undefined || response.ErrorCode !== undefined) {
          failed.push({ index, code: response?.ErrorCode ?? 'MissingResponse', message: response?.ErrorMessage });
        }
      });
      return { failed };
    },
  };
}

/**
 * The sender the deployed rule processor uses: the default sender in Lambda (`AWS_LAMBDA_FUNCTION_NAME` is
 * set), none anywhere else, so that `lambda test` and `process` never send local test data to Firehose.
 */
export function defaultFirehoseSender(config: Pick<Config, 'account'>, env: NodeJS.ProcessEnv = process.env): FirehoseSender | undefined {
  return env.AWS_LAMBDA_FUNCTION_NAME ? createFirehoseSender(config.account.region) : undefined;
}

/** Forgets the shared clients (tests). */
export function resetFirehoseClients(): void {
  clients.clear();
}
