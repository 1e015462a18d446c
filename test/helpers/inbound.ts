/** Real fixture messages (test/fixtures/replies-scenario, see PROVENANCE.md) made to answer our sends. */
import { readFileSync } from 'node:fs';
import type { DateTime } from 'luxon';
import { replaceText, setHeaders } from './mail-edit.js';

export const SENDER = 'applicant@example.com';

export function fixture(name: string): Buffer {
  return readFileSync(new URL(`../fixtures/replies-scenario/${name}`, import.meta.url));
}

/** A person's reply (talon fixture) from the contact, threaded under our Message-ID. */
export function humanReply(name: string, from: string, ourMessageId: string | null): Buffer {
  const set: Record<string, string> = { From: `<${from}>`, To: `<${SENDER}>` };
  if (ourMessageId) Object.assign(set, { 'In-Reply-To': ourMessageId, References: ourMessageId });
  return setHeaders(fixture(name), set);
}

/**
 * The sisimai RFC 3834 vacation notice from the contact. Its stated return ("May 5th", in
 * the subject and body) becomes `back`, and its Date becomes now, so the date is read
 * relative to today.
 */
export function outOfOffice(from: string, ourMessageId: string, back: DateTime): Buffer {
  const day = back.setLocale('en-US').toFormat('LLLL d, yyyy');
  let raw = replaceText(fixture('sisimai_rfc3834-01.eml'), /May 5(th)?/g, day);
  raw = setHeaders(raw, {
    From: `<${from}>`, To: `<${SENDER}>`, Date: new Date().toUTCString(), 'In-Reply-To': ourMessageId, References: ourMessageId,
  });
  return raw;
}

/**
 * A real DSN whose failed recipient is the contact and whose returned message is ours:
 * its Message-ID, plus our X-Outreach-* headers as a bounce quotes them.
 */
export function hardBounce(recipient: string, ourMessageId: string, campaign: string, contactId: string): Buffer {
  let raw = replaceText(fixture('sisimai_lhost-postfix-06.eml'), 'kijitora@neko.example.jp', recipient);
  raw = replaceText(raw, 'shironeko@example.jp', SENDER);
  return replaceText(
    raw,
    'Message-Id: <20141024104625.9C81E2203D@vagrant-centos65.vagrantup.com>',
    `Message-Id: ${ourMessageId}\nX-Outreach-Campaign: ${campaign}\nX-Outreach-Contact: ${contactId}`,
  );
}

/** A real qmail "Mailbox Full" (4.2.2) notice for the contact, quoting our Message-ID. */
export function softBounce(recipient: string, ourMessageId: string): Buffer {
  let raw = replaceText(fixture('sisimai_lhost-qmail-06.eml'), 'kijitora@example.jp', recipient);
  raw = replaceText(raw, 'shironeko@example.co.jp', SENDER);
  return replaceText(raw, '<57D03121-12F7-4801-B30F-9E44B15E56DC@example.co.jp>', ourMessageId);
}
