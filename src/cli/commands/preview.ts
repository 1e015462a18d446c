import { CampaignReader } from '../../campaign/campaign-reader.js';
import { checkCampaignName } from '../../campaign/campaign-name.js';
import { usesSampleValues } from '../../config/sample.js';
import { UserError } from '../../errors/user-error.js';
import { Ledger } from '../../ledger/ledger.js';
import { subtractBusinessDays } from '../../pacing/business-days.js';
import { buildMime } from '../../message/mime.js';
import { MessageRenderer } from '../../render/message-renderer.js';
import { readableMessage } from '../../render/readable-message.js';
import { missingField } from '../../render/template.js';
import { TemplateError } from '../../render/template-error.js';
import type { CommandResult, Ctx } from '../io.js';
import { withSession } from '../session.js';

/** --date, or the real time. */
export function previewDate(v: string | undefined): Date {
  if (v === undefined) return new Date();
  const d = new Date(v);
  if (!/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(d.getTime())) throw new UserError(`not a date: ${v}`, { where: '--date', hint: 'write it as 2026-03-03 or 2026-03-03T14:00:00Z' });
  return d;
}

export interface PreviewOptions { campaign: string; limit: number; contact?: string; step: number; date?: string; raw?: boolean }

/** `outreach preview`: each message as the recipient's mail program shows it (`--raw`: the wire format). */
export async function preview(ctx: Ctx, o: PreviewOptions): Promise<CommandResult<{ messages: string[] }>> {
  const campaign = checkCampaignName(o.campaign);
  const now = previewDate(o.date);
  return withSession(ctx.dir, ctx.io, async (s) => {
    const reader = new CampaignReader(s.redis, s.keys, campaign);
    await reader.mustExist();
    const renderer = MessageRenderer.load(s.project, s.profile());
    if (o.step < 0 || o.step >= renderer.steps) throw new UserError(`no step ${o.step}`, { where: '--step', hint: `steps are 0..${renderer.steps - 1}` });
    let contacts = await reader.all();
    if (o.contact) {
      contacts = contacts.filter((c) => c.email.toLowerCase() === o.contact!.toLowerCase());
      if (contacts.length === 0) throw new UserError(`no contact ${o.contact} in "${campaign}"`, { where: '--contact', hint: 'check the address, or import it first' });
    }
    const samples = usesSampleValues(s.project.config.sender, s.profile());
    // The quoted first email is dated when it went out, or, not sent yet, the follow-up delays before --date.
    const ledger = new Ledger(s.redis, s.keys, campaign);
    const firstSentAt = async (contactId: string): Promise<number> => {
      const sent = await ledger.get(contactId, 0);
      if (sent?.state === 'sent' && sent.sentAt !== undefined) return sent.sentAt;
      const delay = s.project.config.followups.slice(0, o.step).reduce((a, f) => a + f.delayBusinessDays, 0);
      return subtractBusinessDays(now.getTime(), delay, s.project.config.pacing.defaultTimezone);
    };
    const shown = contacts.slice(0, o.limit);
    const messages: string[] = [];
    let text = '';
    for (const [i, contact] of shown.entries()) {
      let mime: Buffer;
      try {
        const threading = o.step > 0
          ? { previous: [renderer.messageId(campaign, contact, 0)], firstSubject: renderer.renderText(contact, 0, now).subject, firstSentAt: await firstSentAt(contact.id) }
          : undefined;
        mime = await buildMime({ ...renderer.render(campaign, contact, o.step, threading, now).message, date: now });
      } catch (err) {
        const field = missingField(err);
        // A field some rows have is this row's problem; anything else is the template's, named by file:line:column.
        if (field && contacts.some((c) => field in c.row))
          throw new UserError(`${field}: missing`, { where: `${contact.source}: ${contact.email}`, hint: 'run "outreach lint" for every problem at once' });
        if (err instanceof TemplateError) throw err;
        throw new UserError((err as Error).message, { where: `${contact.source}: ${contact.email}`, hint: 'run "outreach lint" for every problem at once' });
      }
      const message = o.raw ? mime.toString('utf8').replace(/\r\n/g, '\n') : await readableMessage(mime);
      messages.push(message);
      text += `----- message ${i + 1} of ${shown.length} (of ${contacts.length} contacts) -----\n`;
      if (samples.length > 0) text += `[SAMPLE VALUES — edit before sending through a real mailbox: ${samples.join(', ')}]\n`;
      text += `${message}\n`;
    }
    return { data: { messages }, text };
  });
}
