import { cancelSends, type CancelReport } from '../../queue/cancel-sends.js';
import type { CommandResult, Ctx } from '../io.js';
import { withSendQueue } from './select-contacts.js';

/**
 * `outreach cancel --campaign <name> [--contact <email>] [--step N]`: queued and delayed
 * sends are cancelled; when this prints, none of them can go any more.
 */
export async function cancel(ctx: Ctx, o: { campaign: string; contact?: string; step?: number }): Promise<CommandResult<CancelReport>> {
  return withSendQueue(ctx, o, async ({ s, campaign, contacts, queue, renderer }) => {
    const r = await cancelSends({ redis: s.redis, keys: s.keys, queue, renderer }, campaign, contacts, { step: o.step, all: o.contact === undefined });
    const notes = r.inFlight.map((f) => `${f.email}: step ${f.step} was already being sent; it finishes, and nothing follows it`);
    const undo = o.contact ? `; "outreach retry --campaign ${campaign} --contact ${o.contact}" undoes it` : '';
    return { data: r, text: `cancelled ${r.cancelled} queued send(s) in "${campaign}"${r.blocked ? `, and ${r.blocked} step(s) not queued yet` : ''}${undo}`, notes };
  });
}
