import { backoffDelay } from '../../../../runtime/firehose/deliver';

const policy = { attempts: 3, baseDelayMs: 100 };

describe('firehose retry backoff', () => {
  it.each([
    [1, 0, 50],
    [1, 0.999, 99.95],
    [2, 0, 100],
    [2, 0.5, 150],
    [3, 0, 200],
  ])('waits, before retry %i with random %f, %f ms (base doubled per retry, half of it random)', (retry, random, expected) => {
    expect(backoffDelay(policy, retry, () => random)).toBeCloseTo(expected, 5);
  });
});
