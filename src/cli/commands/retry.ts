import { stepName } from '../../config/step-name.js';
import { retrySends, type RetryReport } from '../../queue/retry-sends.js';
import type { CommandResult, Ctx } from '../io.js';
import { withSendQueue } from './select-contacts.js';

/**
 * `outreach retry --campaign <name> [--contact <email>]`: failed sends queued again with
 * their first options; with --contact, sends cancelled by `outreach cancel` too. Exit 0
 * also when nothing failed.
 */
export async function retry(ctx: Ctx, o: { campaign: string; contact?: string }): Promise<CommandResult<RetryReport>> {
  return withSendQueue(ctx, o, async ({ s, campaign, contacts, queue, renderer }) => {
    const r = await retrySends({ redis: s.redis, keys: s.keys, queue, config: s.project.config, renderer }, campaign, contacts, { withCancelled: o.contact !== undefined });
    const notes = r.stillFailing.map((f) => `${f.email}: ${stepName(f.step)} still fails: ${f.reason} (left as failed)`);
    const text = r.requeued.length === 0
      ? `nothing to retry in "${campaign}"${r.stillFailing.length ? ' (fix the problems above first)' : ''}`
      : `queued ${r.requeued.length} send(s) again (${r.requeued.map((x) => `${x.email} ${stepName(x.step)}`).join(', ')}); run "outreach worker"`;
    return { data: r, text, notes };
  });
}
