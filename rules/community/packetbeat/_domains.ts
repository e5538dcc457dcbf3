/** DNS names the packetbeat_blacklisted_domain rule watches for (fully qualified, with the trailing dot packetbeat logs). */
export const DENIED_DOMAINS: readonly string[] = ['evil.com.'];
