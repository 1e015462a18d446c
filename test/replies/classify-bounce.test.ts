import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyMessage } from '../../src/replies/classify/index.js';

// Hard/soft, status and failed recipient, written by reading each fixture file.
const ROOT = path.join(import.meta.dirname, '../fixtures/replies/bounce');
const read = (f: string): string => readFileSync(path.join(ROOT, f), 'utf8');

const CASES: Array<[string, { type: 'hard' | 'soft'; status?: string; recipient: string }]> = [
  ['sisimai_lhost-postfix-06.eml', { type: 'hard', status: '5.4.4', recipient: 'kijitora@neko.example.jp' }],
  ['sisimai_lhost-postfix-13.eml', { type: 'hard', status: '5.2.1', recipient: 'kijitora@example.jp' }],
  // Postfix writes Status 5.0.0; the remote server's 5.6.0 in Diagnostic-Code is the specific one.
  ['sisimai_lhost-postfix-39.eml', { type: 'hard', status: '5.6.0', recipient: 'kijitora@example.com' }],
  ['sisimai_lhost-exim-05.eml', { type: 'hard', status: '5.1.1', recipient: 'kijitora@neko.example.co.jp' }],
  ['sisimai_lhost-exim-31.eml', { type: 'hard', recipient: 'kijitora@example.net' }],
  // Gmail's "Delay" notice: a warning, the mailbox is full (4.2.2), Gmail keeps trying.
  ['sisimai_lhost-gmail-06.eml', { type: 'soft', status: '4.2.2', recipient: 'kijitora@example.jp' }],
  ['sisimai_rhost-google-02.eml', { type: 'hard', status: '5.1.1', recipient: 'neko-nyaan@example.org' }],
  ['sisimai_lhost-office365-01.eml', { type: 'hard', status: '5.1.10', recipient: 'kijitora@example.com' }],
  ['sisimai_lhost-outlook-04.eml', { type: 'hard', status: '5.1.1', recipient: 'sabineko@example.co.jp' }],
  ['sisimai_lhost-exchange2007-01.eml', { type: 'hard', status: '5.1.1', recipient: 'mikeneko@example.co.jp' }],
  ['sisimai_rhost-microsoft-01.eml', { type: 'hard', status: '5.7.606', recipient: 'kijitora@example.com' }],
  ['sisimai_lhost-qmail-06.eml', { type: 'soft', status: '4.2.2', recipient: 'kijitora@example.jp' }],
  ['sisimai_lhost-sendmail-02.eml', { type: 'hard', status: '5.1.1', recipient: 'userunknown@example.org' }],
  ['sisimai_lhost-yahoo-01.eml', { type: 'hard', status: '5.1.1', recipient: 'kijitora@example.org' }],
  ['sisimai_lhost-domino-01.eml', { type: 'hard', recipient: 'kijitora@example.jp' }],
  ['sisimai_lhost-kddi-01.eml', { type: 'hard', recipient: 'kijitora@x0000000000000.dion.ne.jp' }],
  ['sisimai_dos_rhost-yahooinc-01.eml', { type: 'hard', status: '5.7.9', recipient: 'kijitora@aol.example.jp' }],
];

describe('bounce details', () => {
  it.each(CASES)('%s', async (file, want) => {
    const c = await classifyMessage(readFileSync(path.join(ROOT, file)));
    expect(c.kind).toBe('bounce');
    expect(c.bounce?.type).toBe(want.type);
    expect(c.bounce?.recipient).toBe(want.recipient);
    expect(c.bounce?.status).toBe(want.status);
  });

  it('gives the Message-ID of our returned message', async () => {
    const c = await classifyMessage(read('sisimai_lhost-postfix-06.eml'));
    expect(c.originalMessageId).toBe('<20141024104625.9C81E2203D@vagrant-centos65.vagrantup.com>');
    expect(c.messageId).toBe('<20141024104705.C6BBB22040@vagrant-centos65.vagrantup.com>');
  });

  it('reads an Amazon SES notice (written after the SES bounce format; no SES fixture exists)', async () => {
    const ses = [
      'From: MAILER-DAEMON@amazonses.com',
      'To: applicant@example.org',
      'Subject: Delivery Status Notification (Failure)',
      'Date: Wed, 9 May 2012 03:34:48 +0000',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="B"',
      '',
      '--B',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'An error occurred while trying to deliver the mail to the following recipients:',
      'dr.nobody@hospital.example',
      '',
      '--B',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; a1-2.smtp-out.amazonses.com',
      '',
      'Final-Recipient: rfc822; dr.nobody@hospital.example',
      'Action: failed',
      'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1 user unknown',
      '',
      '--B--',
      '',
    ].join('\r\n');
    const c = await classifyMessage(ses);
    expect(c.kind).toBe('bounce');
    expect(c.bounce).toEqual({ type: 'hard', status: '5.1.1', recipient: 'dr.nobody@hospital.example', diagnostic: '550 5.1.1 user unknown' });
  });
});

describe('our X-Outreach headers inside a bounce', () => {
  const ours = 'X-Outreach-Campaign: radiology-2025\nX-Outreach-Contact: c-0017\n';

  it('finds them in a returned message/rfc822 part (Postfix)', async () => {
    const raw = read('sisimai_lhost-postfix-06.eml').replace('Subject: TEST\n', `Subject: TEST\n${ours}`);
    const c = await classifyMessage(raw);
    expect(c.kind).toBe('bounce');
    expect(c.outreachCampaign).toBe('radiology-2025');
    expect(c.outreachContact).toBe('c-0017');
  });

  it('finds them in a text/rfc822-headers part (Sendmail)', async () => {
    const raw = read('sisimai_rhost-microsoft-01.eml').replace('Subject: Nyaan\n', `Subject: Nyaan\n${ours}`);
    const c = await classifyMessage(raw);
    expect(c).toMatchObject({ kind: 'bounce', outreachCampaign: 'radiology-2025', outreachContact: 'c-0017' });
    expect(c.originalMessageId).toBe('<00000000000000000000000000000000000000000000000@example.net>');
  });

  it('finds them quoted in the body of a non-MIME notice (qmail)', async () => {
    const raw = read('sisimai_lhost-qmail-06.eml').replace('Subject: Nyaaan\n', `Subject: Nyaaan\n${ours}`);
    const c = await classifyMessage(raw);
    expect(c).toMatchObject({ kind: 'bounce', outreachCampaign: 'radiology-2025', outreachContact: 'c-0017' });
    expect(c.originalMessageId).toBe('<57D03121-12F7-4801-B30F-9E44B15E56DC@example.co.jp>');
  });

  it('leaves them unset when the bounce does not quote them', async () => {
    const c = await classifyMessage(read('sisimai_lhost-postfix-06.eml'));
    expect(c.outreachCampaign).toBeUndefined();
    expect(c.outreachContact).toBeUndefined();
  });
});
