import { rm } from 'node:fs/promises';
import path from 'node:path';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { LedgerEntry } from '../ledger/ledger-entry.js';
import { sendQueueName } from '../queue/send-job.js';
import type { Keys } from '../store/keys.js';
import { Suppression } from '../store/suppression.js';
import { rebuildCounters } from '../status/counters-rebuild.js';

export interface ForgetReport {
  email: string;
  /** One line per campaign the person was in. */
  campaigns: { sender: string; campaign: string; contact: boolean; sends: number; replies: number; jobs: number; files: number }[];
  /** The suppression list now holds this instead of the address. */
  suppressedAs: string;
  /** The plain address was on the suppression list (and is no longer). */
  wasSuppressed: boolean;
}

/** The outbox file of one of our messages (the name rule of OutboxTransport). */
function outboxFile(outboxDir: string, campaign: string, messageId: string): string {
  const name = messageId.replace(/^<|>$/g, '').split('@')[0]!.replace(/[^A-Za-z0-9._-]/g, '_');
  return path.join(outboxDir, campaign, `${name}.eml`);
}

/**
 * Removes a person from every campaign of every sender: the contact, its ledger entries and
 * Message-IDs, its replies, its queue jobs (and their event entries), its copies in the outbox
 * folder; pacing records keep their times but lose the contact's id. What stays is a salted
 * hash in the suppression list, so imports, sends and the claim still refuse the address.
 */
export async function forgetPerson(redis: Redis, keys: Keys, email: string, outboxDir?: string): Promise<ForgetReport> {
  const lower = email.trim().toLowerCase();
  const suppression = new Suppression(redis, keys);
  const hash = await suppression.hashOf(lower);
  // Suppress first: from here on no send can claim this person, whatever else happens.
  await suppression.add([hash]);
  const [wasSuppressed] = await suppression.remove([lower]);
  const report: ForgetReport = { email: lower, campaigns: [], suppressedAs: hash, wasSuppressed: wasSuppressed! };

  const senders = new Set([...(await redis.smembers(keys.senders())), keys.sender.toLowerCase()]);
  for (const sender of [...senders].sort()) {
    const k = keys.forSender(sender);
    const queue = new Queue(sendQueueName(sender), { connection: redis, prefix: k.bull() });
    try {
      for (const campaign of (await redis.smembers(k.campaigns())).sort()) {
        const id = await redis.hget(k.emails(campaign), lower);
        if (!id) continue;
        const line = { sender, campaign, contact: false, sends: 0, replies: 0, jobs: 0, files: 0 };

        const ledger = await redis.hgetall(k.ledger(campaign));
        const mine = Object.entries(ledger).filter(([field]) => field.startsWith(`${id}:`));
        const entries = mine.map(([, raw]) => JSON.parse(raw) as LedgerEntry);
        const jobIds = new Set(entries.map((e) => e.jobId).filter((j): j is string => !!j));
        for (const e of entries) for (let r = 1; r <= (e.attempts ?? 0) + 3; r++) if (e.jobId) jobIds.add(`${e.jobId}.r${r}`);

        // Their replies: the records and the inbound Message-IDs seen.
        const inbox = await redis.lrange(k.inbox(campaign), 0, -1);
        for (const raw of inbox) {
          const rec = JSON.parse(raw) as { contactId?: string; messageId?: string; from?: string };
          if (rec.contactId !== id && !(rec.from ?? '').toLowerCase().includes(lower)) continue;
          await redis.lrem(k.inbox(campaign), 0, raw);
          if (rec.messageId) await redis.srem(k.seenInbound(campaign), rec.messageId);
          line.replies++;
        }

        // Our Message-IDs that point at them.
        const msgids = await redis.hgetall(k.messageIds(campaign));
        const theirIds = Object.entries(msgids).filter(([, v]) => v.startsWith(`${id}:`)).map(([mid]) => mid);
        if (theirIds.length) await redis.hdel(k.messageIds(campaign), ...theirIds);

        // Queue jobs, waiting, delayed or kept after completion, and the events that name them.
        for (const jobId of jobIds) {
          const job = await queue.getJob(jobId);
          if (!job) continue;
          await job.remove().catch(() => undefined);
          line.jobs++;
        }
        const events = await redis.xrange(`${k.bull()}:${queue.name}:events`, '-', '+');
        const stale = events.filter(([, fields]) => fields.some((f) => f.includes(id))).map(([eid]) => eid);
        for (let i = 0; i < stale.length; i += 500) await redis.xdel(`${k.bull()}:${queue.name}:events`, ...stale.slice(i, i + 500));

        // Pacing: the send times stay (the daily cap must still count them), without the id.
        const paceLog = await redis.zrange(k.paceLog(sender), '0', '-1', 'WITHSCORES');
        for (let i = 0; i < paceLog.length; i += 2)
          if (paceLog[i]!.includes(id)) {
            await redis.zrem(k.paceLog(sender), paceLog[i]!);
            await redis.zadd(k.paceLog(sender), paceLog[i + 1]!, `forgotten:${hash.slice(7, 19)}:${i}`);
          }

        // Copies of their messages in the outbox folder.
        if (outboxDir)
          for (const e of entries) {
            const file = outboxFile(outboxDir, campaign, e.messageId);
            const gone = await rm(file).then(() => true, () => false);
            if (gone) line.files++;
          }

        if (mine.length) await redis.hdel(k.ledger(campaign), ...mine.map(([f]) => f));
        if (mine.length) await redis.srem(k.sending(campaign), ...mine.map(([f]) => f));
        line.sends = mine.length;
        await redis.hdel(k.status(campaign), id);
        await redis.hdel(k.holdUntil(campaign), id);
        await redis.zrem(k.order(campaign), id);
        line.contact = (await redis.hdel(k.contacts(campaign), id)) === 1;
        await redis.hdel(k.emails(campaign), lower);
        // The dashboard's keys that name the contact (store/keys.ts, "Counters"), then the
        // counters themselves, recomputed without them.
        const fields = mine.map(([f]) => f);
        if (fields.length) await redis.zrem(k.due(campaign), ...fields);
        if (fields.length) await redis.zrem(k.sentAt(campaign), ...fields);
        await redis.zrem(k.repliedAt(campaign), id);
        await redis.zrem(k.replyDelay(campaign), id);
        await redis.srem(k.positive(campaign), id);
        await redis.hdel(k.variants(campaign), id);
        for (const raw of await redis.lrange(k.events(campaign), 0, -1))
          if ((JSON.parse(raw) as { contactId?: string }).contactId === id) await redis.lrem(k.events(campaign), 0, raw);
                for (const raw of await redis.lrange(k.corrections(campaign), 0, -1))
          if ((JSON.parse(raw) as { contactId?: string }).contactId === id) await redis.lrem(k.corrections(campaign), 0, raw);
        await rebuildCounters(redis, k, campaign);
        report.campaigns.push(line);
      }
    } finally {
      await queue.close();
    }
  }
  return report;
}
