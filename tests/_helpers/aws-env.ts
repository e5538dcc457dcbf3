/** Points the AWS SDK of this test process at a loopback endpoint with dummy credentials. */

/** Sets AWS_ENDPOINT_URL, dummy credentials and a region (plus `extra`); returns a function restoring the environment. */
export function useLoopbackAws(endpoint: string, extra: Readonly<Record<string, string>> = {}): () => void {
  const saved = { ...process.env };
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: 'us-east-1',
    ...extra,
  });
  return () => {
    process.env = saved;
  };
}
