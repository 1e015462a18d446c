import { removeContact } from '../../campaign/contacts-store.js';
import { UserError } from '../../errors/user-error.js';
import { contactEntries } from '../../ledger/contact-steps.js';
import { Ledger } from '../../ledger/ledger.js';
import { jobIdOf } from '../../queue/send-job.js';
import { contactState } from '../../status/contact-state.js';
import type { CommandResult, Ctx } from '../io.js';
import { withSession } from '../session.js';
import { selectContacts, withQueue } from './select-contacts.js';

export interface ContactsOptions { campaign: string; contact?: string }

/** `outreach contacts list|show|remove --campaign <name> [--contact <email>]`. */
export async function contacts(ctx: Ctx, action: 'list' | 'show' | 'remove', o: ContactsOptions): Promise<CommandResult> {
  if (action !== 'list' && !o.contact) throw new UserError('needs --contact <email>', { where: `contacts ${action}`, hint: `e.g. outreach contacts ${action} --campaign ${o.campaign} --contact name@example.edu` });
  return withSession(ctx.dir, ctx.io, async (s) => {
    const { campaign, reader, contacts: list } = await selectContacts(s, o.campaign, o.contact);
    const [statuses, suppressed] = await Promise.all([reader.statuses(), s.redis.smembers(s.keys.suppressed())]);
    const blocked = new Set(suppressed);
    const byContact = await new Ledger(s.redis, s.keys, campaign).byContact();
    const rows = list.map((c) => ({
      email: c.email, name: `${c.row.first_name} ${c.row.last_name}`, source: c.source,
      state: contactState(statuses[c.id], byContact.get(c.id) ?? [], blocked.has(c.email.toLowerCase())),
      steps: (byContact.get(c.id) ?? []).sort((a, b) => a.step - b.step).map((e) => ({ step: e.step, state: e.state, ...(e.error ? { error: e.error } : {}) })),
    }));

    if (action === 'list')
      return { data: rows, text: rows.length ? rows.map((r) => `${r.email.padEnd(34)} ${r.state}`).join('\n') : `no contacts in "${campaign}"` };

    const c = list[0]!;
    if (action === 'show') {
      const steps = (await contactEntries(s.redis, s.keys, campaign, c.id)).sort((a, b) => a.step - b.step);
      const data = { ...rows[0]!, status: statuses[c.id] ?? 'active', row: c.row, steps };
      const text = [
        `${c.email} (${rows[0]!.name}), from ${c.source}`,
        `state: ${rows[0]!.state}`,
        ...Object.entries(c.row).map(([k, v]) => `  ${k}: ${v}`),
      ].join('\n');
      return { data, text };
    }

    // remove: its queued sends are cancelled with it; a contact already written to stays.
    const entries = await contactEntries(s.redis, s.keys, campaign, c.id);
    const outcome = await removeContact(s.redis, s.keys, campaign, c);
    if (outcome === 'written')
      throw new UserError('already written to; kept, so its record stays', {
        where: `${campaign}: ${c.email}`,
        hint: `stop what is still queued with "outreach cancel --campaign ${campaign} --contact ${c.email}"`,
      });
    await withQueue(s, async (queue) => {
      for (const e of entries) await queue.queue.remove(jobIdOf(campaign, e)).catch(() => 0);
    });
    return { data: { removed: outcome === 'removed' ? [c.email] : [] }, text: outcome === 'removed' ? `removed ${c.email} from "${campaign}"` : `${c.email} was not in "${campaign}"` };
  });
}
