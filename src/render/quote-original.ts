import { DateTime } from 'luxon';

export interface Original {
  text: string;
  /** When it was sent (or, in a preview, when it would be). */
  sentAt: Date;
  /** The zone the attribution line's time is written in (the contact's, as the send window). */
  zone: string;
  from: { name: string; address: string };
}

/**
 * A reply's text with the original quoted below it, the way mail programs write a reply
 * (Gmail's attribution line, RFC 3676 "> " quoting; an empty line is ">").
 */
export function quoteBelow(text: string, original: Original): string {
  const when = DateTime.fromJSDate(original.sentAt, { zone: original.zone }).setLocale('en-US');
  const date = when.isValid ? when.toFormat("ccc, LLL d, yyyy 'at' h:mm a") : original.sentAt.toUTCString();
  const attribution = `On ${date}, ${original.from.name} <${original.from.address}> wrote:`;
  const quoted = original.text
    .replace(/\s+$/, '')
    .split('\n')
    .map((line) => (line === '' ? '>' : `> ${line}`))
    .join('\n');
  return `${text.replace(/\s+$/, '')}\n\n${attribution}\n\n${quoted}\n`;
}
