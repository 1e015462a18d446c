import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { HEADER_CAMPAIGN } from '../../message/headers.js';
import { buildMime } from '../../message/mime.js';
import type { OutgoingMessage, SendResult, Transport } from '../transport.js';

/**
 * The default transport: one .eml file per message, nothing leaves the machine.
 * The file name comes from the Message-ID, so writing the same message again replaces
 * the file instead of adding a second one. Written to a temp name and renamed, so a
 * crash never leaves half a message.
 */
export class OutboxTransport implements Transport {
  readonly kind = 'outbox' as const;
  readonly leavesMachine = false;
  constructor(private readonly dir: string) {}

  async send(m: OutgoingMessage): Promise<SendResult> {
    const campaign = m.headers[HEADER_CAMPAIGN] ?? 'outbox';
    const folder = path.join(this.dir, campaign);
    await mkdir(folder, { recursive: true });
    const name = m.messageId.replace(/^<|>$/g, '').split('@')[0]!.replace(/[^A-Za-z0-9._-]/g, '_');
    const file = path.join(folder, `${name}.eml`);
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, await buildMime({ ...m, date: m.date ?? new Date() }));
    await rename(tmp, file);
    return { messageId: m.messageId, accepted: [m.to.address], rejected: [], location: file };
  }

  async close(): Promise<void> {}
}
