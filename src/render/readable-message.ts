import { simpleParser } from 'mailparser';

// The headers a mail program shows, in its order; the X-Outreach-* ones follow.
const SHOWN = ['from', 'to', 'reply-to', 'subject', 'date', 'message-id', 'in-reply-to', 'references'];

/** `Name <address>` as mail programs show it, without the quotes the wire format may need. */
function addressText(value: { value: { name?: string; address?: string }[] }): string {
  return value.value.map((v) => (v.name ? `${v.name} <${v.address ?? ''}>` : (v.address ?? ''))).join(', ');
}

function headerLine(name: string, value: unknown): string {
  const label = name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase()).replace(/^Message-Id$/, 'Message-ID');
  const v = typeof value === 'object' && value !== null && 'value' in value && Array.isArray((value as { value: unknown }).value) ? addressText(value as { value: { name?: string; address?: string }[] })
    : typeof value === 'object' && value !== null && 'text' in value ? (value as { text: string }).text
    : value instanceof Date ? value.toUTCString()
    : Array.isArray(value) ? value.join(' ')
    : String(value);
  return `${label}: ${v}`;
}

/**
 * A message as the recipient's mail program shows it: decoded headers, then the plain-text
 * body. Made by parsing the wire format, so it shows what would really be sent.
 */
export async function readableMessage(mime: Buffer): Promise<string> {
  const parsed = await simpleParser(mime, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
  const lines: string[] = [];
  for (const name of SHOWN) {
    const v = parsed.headers.get(name);
    if (v !== undefined) lines.push(headerLine(name, v));
  }
  for (const [name, v] of parsed.headers) if (name.startsWith('x-outreach-')) lines.push(headerLine(name, v));
  for (const a of parsed.attachments) lines.push(`Attachment: ${a.filename ?? '(unnamed)'} (${a.contentType}, ${a.size} bytes)`);
  return `${lines.join('\n')}\n\n${(parsed.text ?? '').replace(/\r\n/g, '\n').replace(/\n*$/, '\n')}`;
}
