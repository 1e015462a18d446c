import { CampaignReader } from '../../campaign/campaign-reader.js';
import { checkCampaignName } from '../../campaign/campaign-name.js';
import type { StoredContact } from '../../campaign/stored-contact.js';
import { UserError } from '../../errors/user-error.js';
import { SendQueue } from '../../queue/send-queue.js';
import { MessageRenderer } from '../../render/message-renderer.js';
import type { Ctx } from '../io.js';
import { withSession, type Session } from '../session.js';

/** The campaign (which must exist) and its contacts: all of them, or the one `--contact` names. */
export async function selectContacts(s: Session, name: string, email?: string): Promise<{ campaign: string; reader: CampaignReader; contacts: StoredContact[] }> {
  const campaign = checkCampaignName(name);
  const reader = new CampaignReader(s.redis, s.keys, campaign);
  await reader.mustExist();
  if (email === undefined) return { campaign, reader, contacts: await reader.all() };
  const id = await reader.idByEmail(email);
  const contact = id ? await reader.get(id) : null;
  if (!contact) throw new UserError(`no contact ${email} in "${campaign}"`, { where: '--contact', hint: `see "outreach contacts list --campaign ${campaign}"` });
  return { campaign, reader, contacts: [contact] };
}

export interface QueueScope {
  s: Session;
  campaign: string;
  contacts: StoredContact[];
  queue: SendQueue;
  renderer: MessageRenderer;
}

/** The session sender's send queue for `fn`; closed after, whether `fn` returns or throws. */
export async function withQueue<T>(s: Session, fn: (queue: SendQueue) => Promise<T>): Promise<T> {
  const c = s.project.config;
  const queue = new SendQueue(s.redis, s.keys, c.sender.email, c.retry);
  try {
    return await fn(queue);
  } finally {
    await queue.close();
  }
}

/** A session, the selected contacts, the send queue and the renderer, for commands that change sends; all closed after. */
export async function withSendQueue<T>(ctx: Ctx, o: { campaign: string; contact?: string }, fn: (x: QueueScope) => Promise<T>): Promise<T> {
  return withSession(ctx.dir, ctx.io, async (s) => {
    const { campaign, contacts } = await selectContacts(s, o.campaign, o.contact);
    return withQueue(s, (queue) => fn({ s, campaign, contacts, queue, renderer: MessageRenderer.load(s.project, s.profile()) }));
  });
}
