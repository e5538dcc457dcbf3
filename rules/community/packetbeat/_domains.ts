/** DNS names the packetbeat rules watch for (fully qualified, with the trailing dot packetbeat logs). */
export const DENIED_DOMAINS: readonly string[] = ['evil.com.'];
