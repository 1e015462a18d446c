import { CampaignReader } from '../../campaign/campaign-reader.js';
import { checkCampaignName } from '../../campaign/campaign-name.js';
import { usesSampleValues } from '../../config/sample.js';
import { UserError } from '../../errors/user-error.js';
import { buildMime } from '../../message/mime.js';
import { readableMessage } from '../../message/readable.js';
import { MessageRenderer } from '../../render/message-renderer.js';
import { missingField } from '../../render/template.js';
import { TemplateError } from '../../render/template-error.js';
import type { CommandResult, Ctx } from '../io.js';
import { withSession } from '../session.js';

export interface PreviewOptions { campaign: string; limit: number; contact?: string; step: number; raw?: boolean }

/** `outreach preview`: messages as the recipient's mail program shows them; `--raw`: the wire format. */
export async function preview(ctx: Ctx, o: PreviewOptions): Promise<CommandResult<{ messages: string[] }>> {
  const campaign = checkCampaignName(o.campaign);
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
    const shown = contacts.slice(0, o.limit);
    const messages: string[] = [];
    let text = '';
    for (const [i, contact] of shown.entries()) {
      let mime: Buffer;
      try {
        const threading = o.step > 0 ? { previous: [renderer.messageId(campaign, contact, 0)], firstSubject: renderer.renderText(contact, 0).subject } : undefined;
        mime = await buildMime({ ...renderer.render(campaign, contact, o.step, threading).message, date: new Date() });
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
