import type { Redis } from 'ioredis';
import type { Keys } from '../store/keys.js';
import { Suppression } from '../store/suppression.js';
import { ledgerField, type LedgerEntry, type LedgerState } from './ledger-entry.js';
import { CLAIM, DROP, ENQUEUE, FINISH, SWEEP, TRANSITION } from './ledger-scripts.js';
import { STATS_KEY_COUNT, statsKeys } from './stats-lua.js';
import { runScript } from '../store/run-script.js';

export type ClaimOutcome =
  | { outcome: 'ok' }
  | { outcome: 'busy' | 'uncertain' | 'missing' | 'paused' }
  | { outcome: 'hold'; until: number }
  | { outcome: 'cancelled'; why: string }
  | { outcome: 'sent' | 'failed' | 'cancelled_before' | LedgerState };

/** A change to an entry's fields; null removes the field. */
export type LedgerPatch = { [K in keyof LedgerEntry]?: LedgerEntry[K] | null };

/** The record of every send of one campaign: the source of truth for "was this sent". */
export class Ledger {
  constructor(private readonly redis: Redis, private readonly keys: Keys, readonly campaign: string) {}

  private get key(): string { return this.keys.ledger(this.campaign); }
  /** The counter keys every script updates with the ledger (stats-lua.ts). */
  private get stats(): string[] { return statsKeys(this.keys, this.campaign); }

  async get(contactId: string, step: number): Promise<LedgerEntry | null> {
    const raw = await this.redis.hget(this.key, ledgerField(contactId, step));
    return raw ? (JSON.parse(raw) as LedgerEntry) : null;
  }

  async all(): Promise<LedgerEntry[]> {
    return Object.values(await this.redis.hgetall(this.key)).map((r) => JSON.parse(r) as LedgerEntry);
  }

  /** all(), grouped by contact; each contact's entries keep the order all() gives them. */
  async byContact(): Promise<Map<string, LedgerEntry[]>> {
    const out = new Map<string, LedgerEntry[]>();
    for (const e of await this.all()) {
      const mine = out.get(e.contactId);
      if (mine) mine.push(e);
      else out.set(e.contactId, [e]);
    }
    return out;
  }

  /** Records the intent to send; false when this (contact, step) is already in the ledger. */
  async enqueue(entry: LedgerEntry): Promise<boolean> {
    return (await this.enqueueMany([entry]))[0]!;
  }

  /** enqueue() for many entries in one round trip; true where the entry was new. */
  async enqueueMany(entries: LedgerEntry[]): Promise<boolean[]> {
    if (entries.length === 0) return [];
    const args = entries.flatMap((e) => [ledgerField(e.contactId, e.step), JSON.stringify(e)]);
    return ((await runScript(this.redis, ENQUEUE, 1 + STATS_KEY_COUNT, this.key, ...this.stats, ...args)) as number[]).map((n) => n === 1);
  }

  /** Takes the entry for sending, re-checking at this moment the contact's state (ARCHITECTURE.md, invariant 2). */
  async claim(contactId: string, email: string, step: number, token: string, now: number): Promise<ClaimOutcome> {
    const k = this.keys;
    const forgotten = await new Suppression(this.redis, k).hashOf(email);
    const [outcome, detail] = (await runScript(this.redis,
      CLAIM, 8 + STATS_KEY_COUNT,
      this.key, k.sending(this.campaign), k.status(this.campaign), k.suppressedCopy(), k.holdUntil(this.campaign), k.messageIds(this.campaign), k.workers(), k.paused(this.campaign), ...this.stats,
      ledgerField(contactId, step), contactId, email.toLowerCase(), token, String(now), forgotten,
    )) as [string, string];
    if (outcome === 'hold') return { outcome, until: Number(detail) };
    if (outcome === 'cancelled' && detail) return { outcome, why: detail };
    return { outcome } as ClaimOutcome;
  }

  /** Ends a claim with its outcome; only the holder can. A null in `patch` removes that field. */
  async finish(contactId: string, step: number, token: string, state: LedgerState, now: number, patch: LedgerPatch = {}): Promise<boolean> {
    return (await this.finishThenEnqueue(contactId, step, token, state, now, patch)).finished;
  }

  /**
   * finish(), and in the same atomic step enqueue() the next step's entry when `next` is
   * given and the finish applied. One round trip where a sent step with a follow-up took two.
   */
  async finishThenEnqueue(
    contactId: string, step: number, token: string, state: LedgerState, now: number, patch: LedgerPatch, next?: LedgerEntry,
  ): Promise<{ finished: boolean; nextAdded: boolean }> {
    const r = (await runScript(this.redis,
      FINISH, 2 + STATS_KEY_COUNT, this.key, this.keys.sending(this.campaign), ...this.stats,
      ledgerField(contactId, step), token, state, String(now), JSON.stringify(patch),
      ...(next ? [ledgerField(next.contactId, next.step), JSON.stringify(next)] : []),
    )) as number;
    return { finished: r >= 1, nextAdded: r === 2 };
  }

  /** Marks "sending" entries whose worker no longer answers as "uncertain"; returns how many. */
  async sweep(now: number): Promise<number> {
    return (await runScript(this.redis, SWEEP, 3 + STATS_KEY_COUNT, this.key, this.keys.sending(this.campaign), this.keys.workers(), ...this.stats, String(now))) as number;
  }

  /** Compare-and-set on the state; false when the entry was not in `from`. */
  async transition(contactId: string, step: number, from: LedgerState, to: LedgerState, now: number, patch: Partial<LedgerEntry> = {}): Promise<boolean> {
    return (await runScript(this.redis,
      TRANSITION, 1 + STATS_KEY_COUNT, this.key, ...this.stats, ledgerField(contactId, step), from, to, String(now), JSON.stringify(patch),
    )) === 1;
  }

  /** Deletes the entry if it is still in state `state` (compare-and-delete). */
  async drop(contactId: string, step: number, state: LedgerState): Promise<boolean> {
    return (await runScript(this.redis, DROP, 1 + STATS_KEY_COUNT, this.key, ...this.stats, ledgerField(contactId, step), state)) === 1;
  }
}
