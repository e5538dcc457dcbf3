import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { createSsmSecrets } from '../../../../runtime/outputs';

const ssm = mockClient(SSMClient);
afterAll(() => ssm.restore());
beforeEach(() => ssm.reset());

describe('output secrets in SSM', () => {
  it('reads one decrypted JSON parameter per descriptor and caches it for the TTL', async () => {
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: '{"url":"https://hooks.example/x","n":2}' } });
    let now = 0;
    const secrets = createSsmSecrets({ prefix: '/acme/streamalert/outputs/', ttlSeconds: 300, now: () => now });
    expect(await secrets.get('slack', 'sec')).toEqual({ url: 'https://hooks.example/x', n: '2' });
    now = 299_000;
    await secrets.get('slack', 'sec');
    expect(ssm.commandCalls(GetParameterCommand)).toHaveLength(1);
    expect(ssm.commandCalls(GetParameterCommand)[0].args[0].input).toEqual({ Name: '/acme/streamalert/outputs/slack/sec', WithDecryption: true });
    now = 301_000;
    await secrets.get('slack', 'sec');
    expect(ssm.commandCalls(GetParameterCommand)).toHaveLength(2);
  });

  it('returns nothing for a missing parameter and never quotes a malformed value', async () => {
    const secrets = createSsmSecrets({ prefix: '/p', ttlSeconds: 60 });
    ssm.on(GetParameterCommand).rejectsOnce(Object.assign(new Error('nope'), { name: 'ParameterNotFound' })).resolves({ Parameter: { Value: 'hunter2-not-json' } });
    expect(await secrets.get('slack', 'a')).toBeUndefined();
    const error = await secrets.get('slack', 'a').catch((e: Error) => e);
    expect(String(error)).toMatch(/SSM parameter \/p\/slack\/a is not a JSON object/);
    expect(String(error)).not.toMatch(/hunter2/);
  });
});
