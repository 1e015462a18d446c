import { HEADER_CAMPAIGN, HEADER_CONTACT, HEADER_KEYS } from '../../message/headers.js';
import { findQuotedHeader } from './header-block.js';
import type { ParsedInput } from './parse.js';

export interface OurHeaders {
  outreachCampaign?: string;
  outreachContact?: string;
  originalMessageId?: string;
}

/**
 * Our own X-Outreach-Campaign / X-Outreach-Contact headers and the original Message-ID, as a
 * bounce quotes them: in a message/rfc822 or text/rfc822-headers part (RFC 3462/6522), or as
 * text in the notice ("--- Below this line is a copy of the message.", "Original message
 * headers:"). mailparser keeps the top-level headers out of `text`, so any header line found
 * there belongs to the returned message.
 */
export function findReturnedHeaders(p: ParsedInput): OurHeaders {
  const sources = [...p.returnedParts, p.text, p.html ? decodeHtml(p.html) : ''];
  const first = (name: string): string | undefined => {
    for (const s of sources) {
      const v = findQuotedHeader(s, name);
      if (v) return v;
    }
    return undefined;
  };
  const out: OurHeaders = {};
  const campaign = first(HEADER_CAMPAIGN);
  const contact = first(HEADER_CONTACT);
  const id = first('Message-ID');
  if (campaign) out.outreachCampaign = campaign;
  if (contact) out.outreachContact = contact;
  const idMatch = id ? /<[^>]+>/.exec(id)?.[0] : undefined;
  if (idMatch) out.originalMessageId = idMatch;
  return out;
}

/** Header lines on the message itself (a reply or auto-reply that kept our headers). */
export function ownHeaders(p: ParsedInput): OurHeaders {
  const out: OurHeaders = {};
  const campaign = p.headers.get(HEADER_KEYS.campaign)?.[0];
  const contact = p.headers.get(HEADER_KEYS.contact)?.[0];
  if (campaign) out.outreachCampaign = campaign;
  if (contact) out.outreachContact = contact;
  return out;
}

function decodeHtml(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/**
 * The To: of the returned copy of our message (a message/rfc822 or text/rfc822-headers part, or
 * headers quoted in the notice): the failed recipient when the notice names none.
 */
export function returnedRecipient(p: ParsedInput): string | undefined {
  const sources = [...p.returnedParts, p.text];
  for (const s of sources) {
    const to = findQuotedHeader(s, 'To');
    const addr = to ? (/<([^>]+@[^>]+)>/.exec(to)?.[1] ?? /[^\s<>",;]+@[^\s<>",;]+/.exec(to)?.[0]) : undefined;
    if (addr) return addr;
  }
  return undefined;
}
