import { simpleParser, type AddressObject } from 'mailparser';

const addresses = (a: AddressObject | AddressObject[] | undefined): string =>
  (Array.isArray(a) ? a : a ? [a] : []).flatMap((x) => x.value).map((v) => (v.name ? `${v.name} <${v.address}>` : (v.address ?? ''))).join(', ');

/**
 * A message as the recipient's mail program shows it: the wire format parsed back, so the
 * headers and body are decoded (no quoted-printable, no =?UTF-8?Q?…?= words). Reading the
 * built message rather than the template proves what the wire carries.
 */
export async function readableMessage(wire: Buffer): Promise<string> {
  const m = await simpleParser(wire, { skipHtmlToText: true, skipImageLinks: true, skipTextLinks: true });
  const lines = [
    `From: ${addresses(m.from)}`,
    `To: ${addresses(m.to)}`,
    ...(m.replyTo ? [`Reply-To: ${addresses(m.replyTo)}`] : []),
    `Subject: ${m.subject ?? ''}`,
    ...(m.date ? [`Date: ${m.date.toString()}`] : []),
    ...(m.inReplyTo ? [`In reply to: ${m.inReplyTo}`] : []),
    ...m.attachments.map((a) => `Attachment: ${a.filename ?? '(unnamed)'} (${Math.max(1, Math.round(a.size / 1024))} kB)`),
  ];
  return `${lines.join('\n')}\n\n${(m.text ?? '').replace(/\s+$/, '')}\n`;
}
