import { createHash } from 'node:crypto';
import { classifyMessage, type Classification } from './classify/index.js';
import type { EffectDeps } from './effect-deps.js';
import { applyInbound, type EffectResult } from './effects.js';
import { matchInbound, type InboundMatch } from './match/index.js';
import type { InboundMessage } from './mailbox-source.js';

export type InboundOutcome =
  | { outcome: 'unreadable'; error: string }
  | { outcome: 'unmatched'; classification: Classification }
  | { outcome: 'applied'; classification: Classification; match: InboundMatch; result: EffectResult };

/**
 * The inbound message's identity for "processed once": its Message-ID, or a digest of its
 * bytes when it has none (some bounce generators omit it).
 */
export function inboundId(c: Classification | null, msg: Pick<InboundMessage, 'source' | 'messageId'>): string {
  const id = c?.messageId ?? msg.messageId;
  return id ? id.trim() : `sha256:${createHash('sha256').update(msg.source).digest('hex').slice(0, 32)}`;
}

/**
 * The one path every mailbox source feeds (ARCHITECTURE.md, "replies"):
 * classify → match to one of our sends → apply the effects. Idempotent per message.
 */
export async function processInbound(deps: EffectDeps, msg: InboundMessage): Promise<InboundOutcome> {
  let c: Classification;
  try {
    c = await classifyMessage(msg.source, deps.now ? { now: new Date(deps.now()) } : {});
  } catch (err) {
    return { outcome: 'unreadable', error: (err as Error).message };
  }
  const m = await matchInbound(deps.redis, deps.keys, c);
  if (!m) return { outcome: 'unmatched', classification: c };
  const result = await applyInbound(deps, c, m, inboundId(c, msg));
  return { outcome: 'applied', classification: c, match: m, result };
}
