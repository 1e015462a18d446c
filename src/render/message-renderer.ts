import type { StoredContact } from '../campaign/stored-contact.js';
import type { Project } from '../config/load.js';
import type { Profile } from '../config/profile.js';
import { composeMessage, type Threading } from '../message/compose.js';
import { messageIdFor } from '../message/message-id.js';
import type { OutgoingMessage } from '../message/outgoing-message.js';
import { templateContext } from './context.js';
import { quoteBelow } from './quote-original.js';
import { renderTemplate, type Rendered, type Template } from './template.js';
import { TemplateFile } from './template-file.js';
import { loadVariants, variantFor, type Variant } from './variants.js';

/** Threading plus when the first email went out, for the "On <date>, <name> wrote:" line. */
export interface ReplyThreading extends Threading {
  firstSentAt?: number;
}

/** Pure: (template, profile, contact) → message. Shared by preview, lint and the send worker. */
export class MessageRenderer {
  private variantsOf: Template | undefined;
  private variantList: Variant[] = [];

  private constructor(
    private readonly project: Project,
    private readonly profile: Profile,
    private readonly files: TemplateFile[],
  ) {
    void this.variants; // the variant lines are checked at load, like the templates
  }

  /** `recheckMs`: how often a long-running process looks at the template files again. */
  static load(project: Project, profile: Profile, opts: { recheckMs?: number } = {}): MessageRenderer {
    const c = project.config;
    const files = [
      new TemplateFile(project.resolve(c.templates.outreach), c.templates.outreach, true, opts.recheckMs),
      ...c.followups.map((f) => new TemplateFile(project.resolve(f.template), f.template, false, opts.recheckMs)),
    ];
    return new MessageRenderer(project, profile, files);
  }

  /** The variants, from the config and the first template's front matter (read again when it changed). */
  private get variants(): Variant[] {
    const first = this.files[0]!.get();
    if (first !== this.variantsOf) {
      this.variantList = loadVariants(this.project.config.variants, first);
      this.variantsOf = first;
    }
    return this.variantList;
  }

  /** The A/B variants' names, baseline first; empty when the campaign has none. */
  get variantNames(): string[] {
    return this.variants.map((v) => v.name);
  }

  /** The first email plus the follow-ups. */
  get steps(): number {
    return this.files.length;
  }

  /** The template's own text; `now` is the clock for "recent" (default: the real time). */
  renderText(contact: StoredContact, step: number, now?: Date): Rendered {
    const t = this.files[step]?.get();
    if (!t) throw new Error(`no template for step ${step}`);
    const variant = variantFor(this.variants, contact.variant);
    const out = renderTemplate(t, templateContext(contact.row, this.profile, this.project.config.sender), now, step === 0 ? variant : variant && { overrides: variant.overrides });
    for (const part of Object.keys(variant?.overrides ?? {}))
      if (step === 0 && !(part in out.parts)) throw new Error(`variant ${variant!.name}: the template has no part "${part}"`);
    return out;
  }

  /**
   * What the contact reads: a follow-up is a reply, so the first email is quoted below its
   * text (a template that says "my note below" always has something below). The first
   * email is rendered again from the same template and row, as of the day it was sent.
   */
  renderFull(contact: StoredContact, step: number, threading?: ReplyThreading, now?: Date): Rendered {
    const rendered = this.renderText(contact, step, now);
    if (step === 0) return rendered;
    const sentAt = threading?.firstSentAt !== undefined ? new Date(threading.firstSentAt) : (now ?? new Date());
    const first = this.renderText(contact, 0, sentAt);
    const c = this.project.config;
    const text = quoteBelow(rendered.text, {
      text: first.text,
      sentAt,
      zone: contact.row.timezone || c.pacing.defaultTimezone,
      from: { name: c.sender.name, address: c.sender.email },
    });
    return { ...rendered, text };
  }

  messageId(campaign: string, contact: StoredContact, step: number): string {
    return messageIdFor(this.project.config.redis.prefix, campaign, contact.id, step, this.project.config.sender.email);
  }

  render(campaign: string, contact: StoredContact, step: number, threading?: ReplyThreading, now?: Date): { rendered: Rendered; message: OutgoingMessage } {
    const rendered = this.renderFull(contact, step, threading, now);
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
