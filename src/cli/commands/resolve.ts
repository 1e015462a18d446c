import { CampaignReader } from '../../campaign/campaign-reader.js';
import { checkCampaignName } from '../../campaign/campaign-name.js';
import type { StoredContact } from '../../campaign/stored-contact.js';
import { UserError } from '../../errors/user-error.js';
import { GmailClient } from '../../gmail/gmail-client.js';
import { Ledger } from '../../ledger/ledger.js';
import type { LedgerEntry } from '../../ledger/ledger-entry.js';
import { sendJobId } from '../../queue/send-job.js';
import { MessageRenderer } from '../../render/message-renderer.js';
import { scheduleNextStep } from '../../send/schedule-next.js';
import { providerFields, recordProviderMessageId } from '../../send/send-processor.js';
import { transportKind } from '../../transports/create-transport.js';
import { findSent, type FoundSent } from '../../transports/gmail/find-sent.js';
import type { CommandResult, Ctx } from '../io.js';
import { withSession } from '../session.js';
import { withQueue } from './select-contacts.js';

export interface ResolveOptions { campaign: string; check?: boolean; resend?: boolean; markSent?: boolean; contact?: string }

export interface Checked { contact: string; step: number; found: boolean; decision: 'marked sent' | 'resent' | 'unchanged'; gmailId?: string }

export interface ResolveResult { resent: number; markedSent: number; checked?: Checked[] }

/**
 * Decides sends whose outcome is unknown (the worker died mid-send, or the connection broke
 * after the message was handed over). --resend queues them again; --mark-sent records them
 * as sent (e.g. after finding them in the Sent folder); --check does that look-up itself in
 * Gmail's Sent and decides per send by what it finds.
 */
export async function resolve(ctx: Ctx, o: ResolveOptions): Promise<CommandResult<ResolveResult>> {
  const campaign = checkCampaignName(o.campaign);
  if ([o.check, o.resend, o.markSent].filter(Boolean).length !== 1)
    throw new UserError('choose one of --check, --resend or --mark-sent', { where: 'resolve', hint: 'with Gmail, --check looks each send up in Sent; otherwise check the recipient\'s inbox or your Sent folder first if you can' });
  return withSession(ctx.dir, ctx.io, async (s) => {
    const c = s.project.config;
    if (o.check && transportKind(c.transport) !== 'gmail')
      throw new UserError(`--check looks sends up in Gmail's Sent, but the transport is ${transportKind(c.transport)}`, { where: '--check', hint: 'look in your Sent folder yourself, then use --mark-sent or --resend' });
    const reader = new CampaignReader(s.redis, s.keys, campaign);
    await reader.mustExist();
    const ledger = new Ledger(s.redis, s.keys, campaign);
    const now = Date.now();
    await ledger.sweep(now);
    let only: string | null = null;
    if (o.contact) {
      only = await reader.idByEmail(o.contact);
      if (!only) throw new UserError(`no contact ${o.contact} in "${campaign}"`, { where: '--contact', hint: 'check the address' });
    }
    return withQueue(s, async (queue) => {
      const renderer = MessageRenderer.load(s.project, s.profile());
      const gmail = o.check ? new GmailClient(c.gmail) : null;
      const result: ResolveResult = { resent: 0, markedSent: 0, ...(o.check ? { checked: [] } : {}) };

      const resend = async (e: LedgerEntry): Promise<boolean> => {
        const data = { campaign, contactId: e.contactId, step: e.step, ...(e.noPacing ? { noPacing: true } : {}) };
        const attempt = e.attempts + 1;
        if (!(await ledger.transition(e.contactId, e.step, 'uncertain', 'queued', now, { jobId: sendJobId(data, attempt) }))) return false;
        await queue.add(data, 0, attempt);
        result.resent++;
        return true;
      };
      const markSent = async (e: LedgerEntry, contact: StoredContact | null, found?: FoundSent): Promise<boolean> => {
        // Follow-ups are "Re: <first subject>": keep the subject the first email had.
        const subject = contact && e.step === 0 ? renderer.renderText(contact, 0).subject : e.subject;
        const gmailFields = found ? providerFields(e.messageId, found) : {};
        if (!(await ledger.transition(e.contactId, e.step, 'uncertain', 'sent', now, { sentAt: e.claimedAt ?? now, subject, ...gmailFields }))) return false;
        if (found) await recordProviderMessageId(s.redis, s.keys, campaign, e.contactId, e.step, e.messageId, found.messageId);
        result.markedSent++;
        if (contact) await scheduleNextStep({ redis: s.redis, keys: s.keys, config: c, renderer, queue }, campaign, contact, e.step, e.claimedAt ?? now, e.noPacing);
        return true;
      };

      const lines: string[] = [];
      for (const e of await ledger.all()) {
        if (e.state !== 'uncertain' || (only && e.contactId !== only)) continue;
        if (o.resend) await resend(e);
        else if (o.markSent) await markSent(e, await reader.get(e.contactId));
        else {
          const contact = await reader.get(e.contactId);
          const to = contact?.email ?? e.contactId;
          const found = await findSent(gmail!, { messageId: e.ourMessageId ?? e.messageId, to, campaign, contactId: e.contactId, step: e.step });
          const done = found ? await markSent(e, contact, found) : await resend(e);
          const decision = !done ? 'unchanged' : found ? 'marked sent' : 'resent';
          result.checked!.push({ contact: to, step: e.step, found: Boolean(found), decision, ...(found ? { gmailId: found.providerId } : {}) });
          lines.push(`${to} step ${e.step}: ${found ? `found in Sent (Gmail message ${found.providerId}): marked sent` : 'not in Sent: queued again'}${done ? '' : ' (changed meanwhile; left as it is)'}`);
        }
      }
      const text = o.check
        ? `${lines.length ? `${lines.join('\n')}\n` : ''}checked ${lines.length} uncertain send(s): ${result.markedSent} found in Sent, ${result.resent} queued again${result.resent ? '; run "outreach worker"' : ''}`
        : o.resend ? `queued ${result.resent} uncertain send(s) again; run "outreach worker"` : `marked ${result.markedSent} uncertain send(s) as sent`;
      return { data: result, text };
    });
  });
}
