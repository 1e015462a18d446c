// A bare SMTP sink in its own process, so the benchmark's client side has the CPU to itself.
// Prints its port; answers "count" on stdin with the number of messages accepted.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

let count = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  disableReverseLookup: true,
  logger: false,
  onData(stream, _session, cb) {
    stream.on('data', () => {});
    stream.on('end', () => {
      count++;
      cb();
    });
  },
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${(server.server.address() as AddressInfo).port}\n`);
});
process.stdin.on('data', () => process.stdout.write(`${count}\n`));
process.stdin.on('end', () => server.close(() => process.exit(0)));
