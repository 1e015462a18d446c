import { createServer } from 'node:net';

/**
 * A loopback port nothing listens on right now: the kernel picks it, then it is released.
 * Used as "Redis is down" or "NCBI does not answer" (a refused connection, at once), and as
 * the port of a server a test starts itself.
 */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}
