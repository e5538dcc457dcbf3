import { Readable } from 'node:stream';

const constructed = jest.fn();
const send = jest.fn(async () => ({ Body: Readable.from([Buffer.from('x')]) }));
jest.mock('@aws-sdk/client-s3', () => ({
  S3Client: jest.fn().mockImplementation((config: unknown) => {
    constructed(config);
    return { send };
  }),
  GetObjectCommand: jest.fn().mockImplementation((input: unknown) => ({ input })),
}));

import { getS3Object, resetS3Client } from '../../../../../runtime/classifier/payloads/s3-getter';

describe('default S3 client', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    resetS3Client();
  });

  it('is created on the first object read, not when the module loads, and then reused', async () => {
    expect(constructed).not.toHaveBeenCalled();
    await getS3Object('b', 'k1');
    await getS3Object('b', 'k2');
    expect(constructed).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenCalledWith({ input: { Bucket: 'b', Key: 'k2' } });
  });

  it.each([
    [undefined, false],
    ['http://127.0.0.1:4566', true],
  ])('uses path-style addressing when AWS_ENDPOINT_URL is %s: %s', async (endpoint, pathStyle) => {
    constructed.mockClear();
    delete process.env.AWS_ENDPOINT_URL;
    delete process.env.AWS_ENDPOINT_URL_S3;
    if (endpoint !== undefined) process.env.AWS_ENDPOINT_URL = endpoint;
    await getS3Object('b.with.dots', 'k');
    expect(constructed).toHaveBeenCalledWith({ forcePathStyle: pathStyle });
  });
});
