import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Config } from '../config/schema.js';
import { Ledger } from '../ledger/ledger.js';
import { ledgerField, type LedgerEntry } from '../ledger/ledger-entry.js';
import type { Pacer } from '../pacing/pacer.js';
import { nextWindowStart } from '../pacing/send-window.js';
import { isIanaZone, ZONE_PROBLEM } from '../contacts/time-zone.js';
import type { SendJobData } from '../queue/send-job.js';
import type { SendQueue } from '../queue/send-queue.js';
import type { MessageRenderer, ReplyThreading } from '../render/message-renderer.js';
import type { Keys } from '../store/keys.js';
import { UserError } from '../errors/user-error.js';
import { addNextJob, enqueueNextStep, nextStep } from './schedule-next.js';
import { readSendView } from './send-view.js';
import { TransportError } from '../transports/transport-error.js';
import type { SendResult, Transport } from '../transports/transport.js';

export interface SendDeps {
  redis: Redis;
  keys: Keys;
  config: Pick<Config, 'pacing' | 'followups' | 'retry'>;
  renderer: MessageRenderer;
  transport: Transport;
  pacer: Pacer;
  queue: SendQueue;
  /** This worker process's token: held on ledger entries while sending. */
  token: string;
  now?: () => number;
  random?: () => number;
  log?: (line: string) => void;
  /** Told each time a job is put back to wait, and why (for `worker --drain`'s last line). */
  onWait?: (jobId: string, why: WaitReason) => void;
}

export type WaitReason = 'window' | 'pacing' | 'paused' | 'hold' | 'busy';
/** A paused campaign's sends look again this often; `outreach resume` wakes them at once. */
export const PAUSED_RECHECK_MS = 10 * 60_000;

export type SendOutcome = { result: 'sent' | 'failed' | 'uncertain' | 'skipped' | 'cancelled'; detail?: string };

/** The pacing slot a job's current try reserved. */
function slotMember(job: Job<SendJobData>): string {
  return `${job.data.campaign}:${ledgerField(job.data.contactId, job.data.step)}:${job.attemptsStarted}`;
}

/**
 * What the ledger keeps of a provider's answer: its ids, and the Message-ID it stored when not
 * ours. From a send's result, or from what `outreach resolve --check` found in Gmail's Sent.
 */
export function providerFields(ours: string, res: Pick<SendResult, 'providerId' | 'threadId' | 'messageId'>): Partial<LedgerEntry> {
  return {
    ...(res.providerId ? { providerId: res.providerId } : {}),
    ...(res.threadId ? { threadId: res.threadId } : {}),
    ...(res.messageId !== ours ? { messageId: res.messageId, ourMessageId: ours } : {}),
  };
}

/** The provider kept another Message-ID than ours (Gmail may): replies quote that one, so it matches too. */
export async function recordProviderMessageId(
  redis: Redis, keys: Keys, campaign: string, contactId: string, step: number, ours: string, theirs: string,
): Promise<void> {
  if (theirs !== ours) await redis.hset(keys.messageIds(campaign), theirs, ledgerField(contactId, step));
}

/** Moves the job back to "delayed" until `at` without using up an attempt. */
async function delayUntil(job: Job, token: string | undefined, at: number): Promise<never> {
  await job.moveToDelayed(Math.ceil(at), token);
  throw new DelayedError();
}

/**
 * The send path. Order matters (ARCHITECTURE.md, invariants 1, 2 and 4):
 * cheap checks → render → sending window → pacing reservation → atomic claim (re-checks
 * the contact) → transport → record the outcome → schedule the next step.
 */
export function createSendProcessor(deps: SendDeps) {
  const now = deps.now ?? Date.now;
  const random = deps.random ?? Math.random;
  const log = deps.log ?? (() => {});

  /** What a follow-up quotes and threads on, from the earlier steps' entries; undefined if one was not sent. */
  function threading(earlier: (LedgerEntry | null)[]): ReplyThreading | undefined {
    if (earlier.length === 0) return undefined;
    const previous: string[] = [];
    let firstSubject = '';
    let firstSentAt: number | undefined;
    let threadId: string | undefined;
    for (const [s, e] of earlier.entries()) {
      if (!e || e.state !== 'sent') return undefined;
      previous.push(e.messageId);
      if (s === 0) [firstSubject, firstSentAt] = [e.subject ?? '', e.sentAt];
      // The provider's conversation of the first email (Gmail's threadId): follow-ups join it.
      threadId ??= e.threadId;
    }
    return { previous, firstSubject, firstSentAt, ...(threadId ? { threadId } : {}) };
  }

  const wait = (job: Job, token: string | undefined, at: number, why: WaitReason): Promise<never> => {
    deps.onWait?.(String(job.id), why);
    return delayUntil(job, token, at);
  };

  return async function process(job: Job<SendJobData>, token?: string): Promise<SendOutcome> {
    const { campaign, contactId, step } = job.data;
    const ledger = new Ledger(deps.redis, deps.keys, campaign);
    const view = await readSendView(deps.redis, deps.keys, campaign, contactId, step);
    const { contact, entry } = view;
    if (!contact) throw new UnrecoverableError(`contact ${contactId} is not in campaign ${campaign}`);
    if (!entry || (entry.state !== 'queued' && entry.state !== 'sending')) return { result: 'skipped', detail: entry?.state ?? 'no ledger entry' };

    // Render before touching pacing, so a template error never spends a sending slot.
    const thread = threading(view.earlier);
    if (step > 0 && !thread) return { result: 'skipped', detail: 'previous step not sent' };
    let message;
    try {
      message = deps.renderer.render(campaign, contact, step, thread).message;
    } catch (err) {
      // A template error names its file, line and column; `outreach retry` re-queues once it is fixed.
      const why = `render: ${err instanceof UserError ? err.line() : (err as Error).message}`;
      await ledger.transition(contactId, step, 'queued', 'failed', now(), { error: why });
      throw new UnrecoverableError(why);
    }

    // A zone stored before zones were checked would make every date step NaN: fail this send, clearly.
    const tz = contact.row.timezone ?? deps.config.pacing.defaultTimezone;
    if (!isIanaZone(tz)) {
      const why = `timezone: ${ZONE_PROBLEM}: "${tz}"`;
      await ledger.transition(contactId, step, 'queued', 'failed', now(), { error: why });
      throw new UnrecoverableError(why);
    }

    // A provider's back-off (Gmail 429) holds every send of this sender, paced or not.
    if (view.heldUntil > now()) return delayUntil(job, token, view.heldUntil + random() * 2_000);

    const paced = !(job.data.noPacing && !deps.transport.leavesMachine);
    // A paused campaign waits without spending a pacing slot; the claim re-checks it atomically.
    if (paced && view.paused) return wait(job, token, now() + PAUSED_RECHECK_MS, 'paused');

    if (paced && entry.state === 'queued') {
      const t = now();
      const open = nextWindowStart(t, tz, deps.config.pacing);
      if (open > t) return wait(job, token, open + random() * 60_000, 'window');
      const slot = await deps.pacer.reserve(t, slotMember(job));
      if (!slot.ok) return wait(job, token, slot.retryAt + random() * 5_000, 'pacing');
    }

    // Claimed only once the transport has a place for it: a crash then leaves at most two
    // sends per connection "uncertain", not every send the worker had in hand.
    const release = await deps.transport.acquire?.();
    try {
      const claim = await ledger.claim(contactId, contact.email, step, deps.token, now());
      if (claim.outcome === 'busy') return wait(job, token, now() + 30_000, 'busy');
      if (claim.outcome === 'paused') return wait(job, token, now() + PAUSED_RECHECK_MS, 'paused');
      if (claim.outcome === 'hold') return wait(job, token, claim.until, 'hold');
      if (claim.outcome === 'cancelled') return { result: 'cancelled', detail: 'why' in claim ? claim.why : undefined };
      if (claim.outcome !== 'ok') return { result: claim.outcome === 'uncertain' ? 'uncertain' : 'skipped', detail: claim.outcome };

      try {
        const res = await deps.transport.send(message);
        const sentAt = now();
        // The follow-up's ledger entry is added in the same atomic step as "sent" (invariant 1
        // and reconcile need no gap between them); its BullMQ job right after.
        const next = nextStep(deps, campaign, contact, step, sentAt, job.data.noPacing);
        const done = await ledger.finishThenEnqueue(contactId, step, deps.token, 'sent', sentAt,
          { sentAt, subject: message.subject, error: null, responseCode: null, ...providerFields(message.messageId, res) }, next?.entry);
        await recordProviderMessageId(deps.redis, deps.keys, campaign, contactId, step, message.messageId, res.messageId);
        log(`sent ${campaign} step ${step} to ${contact.email}${res.location ? ` (${res.location})` : ''}`);
        if (next && done.nextAdded) await addNextJob(deps, next);
        // Someone else changed the entry meanwhile (resolve, forget): add the next step on its own.
        else if (next && !done.finished) await enqueueNextStep(deps, campaign, next);
        return { result: 'sent' };
      } catch (err) {
        const e = err instanceof TransportError ? err : new TransportError('EREJECTED', (err as Error).message, { cause: err });
        const patch = { error: `${e.code}: ${e.message}`, responseCode: e.responseCode };
        if (e.backOff) {
          // Nothing was sent: the whole sender waits, and this job keeps its attempts.
          const until = now() + (e.retryAfterMs ?? 60_000);
          await deps.pacer.backOff(until, slotMember(job));
          await ledger.finish(contactId, step, deps.token, 'queued', now(), patch);
          log(`${e.code === 'ESIGNIN' ? e.message : `${deps.transport.kind}: ${e.message}`}; sender waits until ${new Date(until).toISOString()}`);
          return delayUntil(job, token, until + random() * 2_000);
        }
        if (e.code === 'EUNCERTAIN') {
          await ledger.finish(contactId, step, deps.token, 'uncertain', now(), patch);
          return { result: 'uncertain', detail: e.message };
        }
        const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        if (e.temporary && !lastAttempt) {
          await ledger.finish(contactId, step, deps.token, 'queued', now(), patch);
          throw e; // BullMQ retries with backoff
        }
        await ledger.finish(contactId, step, deps.token, 'failed', now(), patch);
        throw new UnrecoverableError(`${e.code}${e.responseCode ? ` ${e.responseCode}` : ''}: ${e.message}`);
      }
    } finally {
      release?.();
    }
  };
}
