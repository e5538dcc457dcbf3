import { GetAliasCommand, LambdaClient, ListVersionsByFunctionCommand, UpdateAliasCommand } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { createAwsClients } from '../../../../cli/aws';
import { chooseRollbackVersion, rollbackFunction } from '../../../../cli/deploy';
import { awsError, FUNCTION_NAME } from './fixtures';

const lambda = mockClient(LambdaClient);
const clients = createAwsClients('us-east-1', {});
const target = { kind: 'rule', cluster: 'prod', name: FUNCTION_NAME, region: 'us-east-1' } as const;
const versions = (...v: string[]) => v.map((Version) => ({ Version }));

function given(aliasVersion: string, ...published: string[]): void {
  lambda.on(GetAliasCommand).resolves({ FunctionVersion: aliasVersion, RevisionId: 'rev-7' });
  lambda.on(ListVersionsByFunctionCommand).resolves({ Versions: versions('$LATEST', ...published) });
  lambda.on(UpdateAliasCommand).resolves({});
}

beforeEach(() => lambda.reset());

describe('rollbackFunction', () => {
  it('moves the alias to the previous published version across gaps, guarded by the RevisionId', async () => {
    given('9', '1', '2', '5', '9');
    const outcome = await rollbackFunction({ clients, target });
    expect(outcome).toEqual(expect.objectContaining({ status: 'rolled back', fromVersion: '9', toVersion: '5' }));
    expect(lambda.commandCalls(UpdateAliasCommand)[0].args[0].input).toEqual({
      FunctionName: FUNCTION_NAME,
      Name: 'production',
      FunctionVersion: '5',
      RevisionId: 'rev-7',
    });
  });

  it('reads every page of versions', async () => {
    lambda.on(GetAliasCommand).resolves({ FunctionVersion: '7', RevisionId: 'rev-7' });
    lambda
      .on(ListVersionsByFunctionCommand)
      .resolvesOnce({ Versions: versions('$LATEST', '1', '2'), NextMarker: 'page-2' })
      .resolvesOnce({ Versions: versions('4', '7') });
    lambda.on(UpdateAliasCommand).resolves({});
    const outcome = await rollbackFunction({ clients, target });
    expect(outcome.toVersion).toBe('4');
    expect(lambda.commandCalls(ListVersionsByFunctionCommand).map((c) => c.args[0].input.Marker)).toEqual([undefined, 'page-2']);
  });

  it('moves the alias to --to when it is a published version', async () => {
    given('9', '1', '2', '5', '9');
    const outcome = await rollbackFunction({ clients, target, to: '2' });
    expect(outcome).toEqual(expect.objectContaining({ status: 'rolled back', fromVersion: '9', toVersion: '2' }));
  });

  it.each([
    ['the first version', '1', ['1'], undefined, /version 1 is the first published version/],
    ['an alias on $LATEST', '$LATEST', ['1', '2'], undefined, /points at \$LATEST/],
    ['an alias on $LATEST, even with --to', '$LATEST', ['1', '2'], '1', /points at \$LATEST/],
    ['--to an unpublished version', '5', ['1', '2', '5'], '3', /version "3" is not a published version \(published: 1, 2, 5\)/],
    ['--to the current version', '5', ['1', '2', '5'], '5', /already points at version 5/],
  ])('refuses %s and leaves the alias alone', async (_case, alias, published, to, message) => {
    given(alias, ...published);
    const outcome = await rollbackFunction({ clients, target, to });
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toEqual({ step: 'choose', message: expect.stringMatching(message) });
    expect(lambda.commandCalls(UpdateAliasCommand)).toHaveLength(0);
  });

  it('fails at alias on a RevisionId conflict, naming the AWS error', async () => {
    given('3', '1', '2', '3');
    lambda.on(UpdateAliasCommand).rejects(awsError('PreconditionFailedException', 'The RevisionId provided does not match', 412));
    const outcome = await rollbackFunction({ clients, target });
    expect(outcome).toEqual(expect.objectContaining({ status: 'failed', fromVersion: '3' }));
    expect(outcome.error).toEqual({ step: 'alias', message: 'PreconditionFailedException: The RevisionId provided does not match' });
  });

  it('fails at list when the versions cannot be read', async () => {
    given('3', '1');
    lambda.on(ListVersionsByFunctionCommand).rejects(awsError('AccessDeniedException', 'not authorized to perform: lambda:ListVersionsByFunction', 403));
    const outcome = await rollbackFunction({ clients, target });
    expect(outcome.error).toEqual({ step: 'list', message: expect.stringMatching(/^AccessDeniedException: not authorized/) });
    expect(lambda.commandCalls(UpdateAliasCommand)).toHaveLength(0);
  });
});

describe('chooseRollbackVersion', () => {
  it.each([
    ['3', [1, 2, 3], undefined, { version: '2' }],
    ['10', [2, 9, 10, 11], undefined, { version: '9' }],
    ['4', [4], undefined, { refuse: expect.stringMatching(/first published version/) }],
    ['4', [1, 4], '1', { version: '1' }],
    ['4', [1, 4], 'x', { refuse: expect.stringMatching(/not a published version/) }],
  ])('from %s with %j and --to %s', (current, published, to, expected) => {
    expect(chooseRollbackVersion(current, published, to)).toEqual(expected);
  });
});
