import { getOutput, OutputError, parseOutputName, registerOutput, type OutputService } from '../../../../runtime/outputs';

const fake = (service: string): OutputService => ({ service, properties: [], resourceInConfig: true, send: async () => ({ ok: true }) });

describe('output registry', () => {
  it('finds a registered service by name and refuses a second one under that name', () => {
    const svc = fake('test-registry-out');
    registerOutput(svc);
    registerOutput(svc);
    expect(getOutput('test-registry-out')).toBe(svc);
    expect(() => registerOutput(fake('test-registry-out'))).toThrow(/registered twice/);
    expect(getOutput('nope')).toBeUndefined();
  });

  it('refuses a service name that is not lower-case', () => {
    expect(() => registerOutput(fake('Bad Name'))).toThrow(OutputError);
  });

  it.each([
    ['aws-s3:bucket', { service: 'aws-s3', descriptor: 'bucket' }],
    ['slack:a:b', { service: 'slack', descriptor: 'a:b' }],
  ])('splits %s at its first colon', (name, expected) => {
    expect(parseOutputName(name)).toEqual(expected);
  });

  it.each(['slack', ':x', 'slack:'])('rejects the output name %s', (name) => {
    expect(() => parseOutputName(name)).toThrow(/service:descriptor/);
  });
});
