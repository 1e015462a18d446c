import type { StoredContact } from '../campaign/stored-contact.js';
import type { Project } from '../config/load.js';
import type { Profile } from '../config/profile.js';
import { composeMessage, type Threading } from '../message/compose.js';
import { messageIdFor } from '../message/message-id.js';
import type { OutgoingMessage } from '../message/outgoing-message.js';
import { templateContext } from './context.js';
import { loadTemplate, renderTemplate, type Rendered, type Template } from './template.js';
import { loadVariants, variantFor, type Variant } from './variants.js';

/** Pure: (template, profile, contact) → message. Shared by preview, lint and the send worker. */
export class MessageRenderer {
  private constructor(
    private readonly project: Project,
    private readonly profile: Profile,
    private readonly templates: Template[],
    private readonly variants: Variant[] = [],
  ) {}

  static load(project: Project, profile: Profile): MessageRenderer {
    const c = project.config;
    const templates = [
      loadTemplate(project.resolve(c.templates.outreach), c.templates.outreach),
      ...c.followups.map((f) => loadTemplate(project.resolve(f.template), f.template, false)),
    ];
    return new MessageRenderer(project, profile, templates, loadVariants(c.variants, templates[0]!));
  }

  /** The A/B variants' names, baseline first; empty when the campaign has none. */
  get variantNames(): string[] {
    return this.variants.map((v) => v.name);
  }

  /** The first email plus the follow-ups. */
  get steps(): number {
    return this.templates.length;
  }

  renderText(contact: StoredContact, step: number): Rendered {
    const t = this.templates[step];
    if (!t) throw new Error(`no template for step ${step}`);
    const variant = variantFor(this.variants, contact.variant);
    const out = renderTemplate(t, templateContext(contact.row, this.profile, this.project.config.sender), step === 0 ? variant : variant && { overrides: variant.overrides });
    for (const part of Object.keys(variant?.overrides ?? {}))
      if (step === 0 && !(part in out.parts)) throw new Error(`variant ${variant!.name}: the template has no part "${part}"`);
    return out;
  }

  messageId(campaign: string, contact: StoredContact, step: number): string {
    return messageIdFor(this.project.config.redis.prefix, campaign, contact.id, step, this.project.config.sender.email);
  }

  render(campaign: string, contact: StoredContact, step: number, threading?: Threading): { rendered: Rendered; message: OutgoingMessage } {
    const rendered = this.renderText(contact, step);
    const c = this.project.config;
    const message = composeMessage({
      campaign, contactId: contact.id, step, threading,
      to: { name: `${contact.row.first_name} ${contact.row.last_name}`, address: contact.email },
      subject: rendered.subject,
      text: rendered.text,
      messageId: this.messageId(campaign, contact, step),
      sender: c.sender,
      attachment: c.attachment,
      resolvePath: this.project.resolve,
    });
    return { rendered, message };
  }
}
