/**
 * REDIS_URL forms: `redis://[user:pass@]host:port[/db]`, `rediss://...`, and for Redis
 * Cluster `redis+cluster://[user:pass@]host:port,host:port,...` (or `rediss+cluster://`):
 * a few seed nodes, the client discovers the rest.
 */
export interface ClusterUrl {
  nodes: { host: string; port: number }[];
  username?: string;
  password?: string;
  tls: boolean;
}

export function parseClusterUrl(url: string): ClusterUrl | null {
  const m = /^(rediss?)\+cluster:\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^/?#]+)\/?$/.exec(url);
  if (!m) return null;
  const nodes = m[4]!.split(',').map((hp) => {
    const at = hp.lastIndexOf(':');
    const host = (at > 0 ? hp.slice(0, at) : hp).replace(/^\[|\]$/g, '');
    return { host, port: at > 0 ? Number(hp.slice(at + 1)) : 6379 };
  });
  if (nodes.some((n) => !n.host || !Number.isInteger(n.port) || n.port <= 0)) return null;
  return {
    nodes,
    username: m[2] ? decodeURIComponent(m[2]) : undefined,
    password: m[3] ? decodeURIComponent(m[3]) : undefined,
    tls: m[1] === 'rediss',
  };
}

export function isClusterUrl(url: string): boolean {
  return /^rediss?\+cluster:/.test(url);
}
