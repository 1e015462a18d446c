import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyMessage } from '../../src/replies/classify/index.js';
import { BOUNCE_PHRASES } from '../../src/replies/classify/bounce-phrases.js';
import { MACHINE_RULES } from '../../src/replies/classify/machine-signs.js';
import { ownWords } from '../../src/replies/classify/own-words.js';
import { parseInput } from '../../src/replies/classify/parse.js';

// Machine mail is never a person, bounces as real MTAs write them, auto-replies in the
// languages of the world's faculty, and hints only from the person's own words.
const ROOT = path.join(import.meta.dirname, '../fixtures/replies');
const read = (f: string): Buffer => readFileSync(path.join(ROOT, f));
const talon = read('human_reply/talon_gmail.eml').toString('latin1');

/** talon's real Gmail reply ("Hello"), with headers put in front. */
function replyWith(headers: string[], body?: string): string {
  const raw = `${headers.join('\n')}${headers.length ? '\n' : ''}${talon}`;
  return body === undefined ? raw : raw.replace(/^Hello$/gm, body);
}

describe('machine mail is never a reply', () => {
  it.each([
    // [header, why]
    ['Auto-Submitted: auto-generated', 'RFC 3834 §5: any value but "no" is automatic'],
    ['Precedence: bulk', 'list servers and bulk senders (RFC 3834 §3.1.8)'],
    ['Precedence: junk', 'the same, older spelling'],
    ['List-Id: <radiology.lists.example.edu>', 'RFC 2919: a mailing list sent it'],
    ['List-Unsubscribe: <mailto:leave@lists.example.edu>', 'RFC 2369: a list or bulk sender'],
    ['X-Autoreply: yes', 'Exim / Sieve vacation'],
    ['X-Autorespond: on', 'cPanel autoresponder'],
    ['Return-Path: <>', 'RFC 5321 §4.5.5: notices have a null envelope sender'],
    ['Return-Path: <MAILER-DAEMON@mx.example.edu>', 'the envelope sender is the mail system'],
  ])('%s is not a reply (%s)', async (h) => {
    const c = await classifyMessage(replyWith([h]));
    expect(c.kind).not.toBe('reply');
    expect(c.reply).toBeUndefined();
    expect(c.reasons.join(' ')).not.toMatch(/a person's reply/);
  });

  it.each([
    ['From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.edu>', 'Sendmail'],
    ['From: postmaster@example.edu', 'RFC 5321 §4.5.1 postmaster'],
    ['From: MAILER-DAEMON <>', 'DragonFly Mail Agent (sisimai lhost-dragonfly-02)'],
    ['From: post_master@vtext.example.com', 'Apache James / Verizon (sisimai lhost-apachejames-01)'],
  ])('a message %s is not a reply (%s)', async (from) => {
    const raw = replyWith([], 'Hello').replace(/^From: .*$/m, from);
    expect((await classifyMessage(raw)).kind).not.toBe('reply');
  });

  it('a multipart/report of any type is a report (RFC 6522)', async () => {
    const raw = replyWith([]).replace(/^Content-Type: multipart\/alternative;/m, 'Content-Type: multipart/report; report-type=disposition-notification;');
    expect((await classifyMessage(raw)).kind).not.toBe('reply');
  });

  it('a plain reply with none of these signs is still a reply', async () => {
    expect((await classifyMessage(talon)).kind).toBe('reply');
    // Auto-Submitted: no is a person (RFC 3834 §5).
    expect((await classifyMessage(replyWith(['Auto-Submitted: no']))).kind).toBe('reply');
  });

  it('names every rule and every mail system with a source', () => {
    expect(MACHINE_RULES.map(([n]) => n)).toEqual(['fromMailSystem', 'nullReturnPath', 'autoSubmitted', 'bulkPrecedence', 'listHeaders', 'autoResponderHeader', 'reportContentType']);
    const systems = BOUNCE_PHRASES.map((p) => p.system).join(' | ');
    for (const s of ['Postfix', 'Sendmail', 'Exim', 'qmail', 'Exchange 2003', 'Exchange 2007', 'Domino', 'Gmail', 'Yahoo', 'Outlook.com', 'Amazon SES', 'Mimecast', 'Proofpoint', 'quota'])
      expect(systems).toContain(s);
    for (const p of BOUNCE_PHRASES) expect(p.sample.length).toBeGreaterThan(5);
  });
});

describe('bounces the way real MTAs write them', () => {
  it.each([
    // [file, type, status, recipient, why]
    ['bounce/sisimai_lhost-exchange2003-02.eml', 'hard', undefined, 'kijitora@example.co.jp', 'Exchange 2003 "Undeliverable:" with no multipart/report'],
    ['bounce/bp_exchange.unknown.eml', 'hard', undefined, 'RECIPIENT@EXAMPLE.NET', 'Exchange 2003 "did not reach the following recipient(s)"'],
    ['bounce/sisimai_lhost-notes-02.eml', 'hard', undefined, 'kijitora@u1.example.co.jp', 'Lotus Notes "Undeliverable message", ISO-2022-JP text'],
    ['bounce/sisimai_lhost-domino-01.eml', 'hard', undefined, 'kijitora@example.jp', 'Domino "was not delivered to"'],
    ['bounce/sisimai_lhost-gmail-01.eml', 'hard', '5.1.1', 'userunknown@example.jp', 'Gmail plain-text "Delivery to the following recipient failed permanently"'],
    ['bounce/sisimai_lhost-qmail-06.eml', 'soft', '4.2.2', 'kijitora@example.jp', 'qmail "Mailbox Full": a quota bounce is temporary'],
    ['bounce/bp_quota-2.eml', 'soft', '4.0.0', 'junkmail@b.c', 'Postfix "Mailbox size limit exceeded" (452)'],
    ['bounce/sisimai_lhost-yandex-03.eml', 'soft', '4.4.1', 'kijitora@6jo.example.jp', 'Action: failed with Status 4.4.1 (timed out after retries) is soft'],
    ['bounce/sisimai_lhost-amazonses-01.eml', 'hard', '5.1.0', 'shironeko@example.co.jp', 'Amazon SES delivery report'],
  ])('%s → %s %s %s (%s)', async (file, type, status, recipient) => {
    const c = await classifyMessage(read(file));
    expect(c.kind).toBe('bounce');
    expect(c.bounce?.type).toBe(type);
    expect(c.bounce?.status).toBe(status);
    expect(c.bounce?.recipient).toBe(recipient);
  });

  it('takes the failed recipient and our Message-ID from the returned headers when the notice names no address', async () => {
    // Exchange 2003's notice above the returned copy, with the address taken out of the notice.
    const raw = read('bounce/sisimai_lhost-exchange2003-02.eml').toString('latin1')
      .replace(/^(kijitora|mikeneko)@example\.co\.jp on /gm, 'recipient on ')
      .replace(/^  To:      shironeko@example\.jp$/m, '  To:      (see below)');
    const c = await classifyMessage(raw);
    expect(c.kind).toBe('bounce');
    expect(c.bounce?.recipient).toBe('kijitora@example.co.jp');
    expect(c.originalMessageId).toBe('<000000000000000.0000000@example.jp>');
  });
});

describe('auto-replies', () => {
  it.each([
    ['auto_reply/bp_boxbe-cr.eml', 'Boxbe wraps its "add yourself to my Guest List" in a delivery-status report: not a bounce'],
    ['auto_reply/bp_boxbe-cr2.eml', 'the same from noreply@boxbe.com'],
    ['auto_reply/bp_bluebottle.eml', 'Bluebottle: "click to have your address added to the allowed list"'],
    ['auto_reply/bp_polish-autoreply.eml', 'Polish "[Automatyczna odpowiedź]" subject with Precedence: junk, no RFC 3834 header'],
    ['auto_reply/bp_autoreply.eml', 'a bare "Thank you for your e-mail" auto-acknowledgement'],
    ['auto_reply/bp_warning-6.eml', 'Lotus Notes "AUTO: ... is out of the office"'],
  ])('%s is an auto-reply (%s)', async (file) => {
    expect((await classifyMessage(read(file))).kind).toBe('auto_reply');
  });

  // Outlook / Exchange put a localised "Automatic reply:" in front of the subject and add no
  // RFC 3834 header when the rule runs in the client; Gmail and others use similar words.
  it.each([
    ['en', 'Automatic reply: Research opportunity'],
    ['en', 'Out of Office: Research opportunity'],
    ['es', 'Respuesta automática: Research opportunity'],
    ['pt', 'Resposta automática: Research opportunity'],
    ['fr', 'Réponse automatique : Research opportunity'],
    ['de', 'Automatische Antwort: Research opportunity'],
    ['it', 'Risposta automatica: Research opportunity'],
    ['nl', 'Automatisch antwoord: Research opportunity'],
    ['pl', 'Automatyczna odpowiedź: Research opportunity'],
    ['sv', 'Automatiskt svar: Research opportunity'],
    ['tr', 'Otomatik yanıt: Research opportunity'],
    ['ru', 'Автоматический ответ: Research opportunity'],
    ['zh', '自动回复: Research opportunity'],
    ['zh-TW', '自動回覆: Research opportunity'],
    ['ja', '自動応答: Research opportunity'],
    ['ko', '자동 회신: Research opportunity'],
  ])('%s subject "%s" is an auto-reply', async (_lang, subject) => {
    const raw = replyWith([], 'I am away.').replace(/^Subject: .*$/m, `Subject: =?UTF-8?B?${Buffer.from(subject).toString('base64')}?=`);
    expect((await classifyMessage(raw)).kind).toBe('auto_reply');
  });

  it.each([
    ['es', 'Estoy fuera de la oficina hasta el lunes.'],
    ['pt', 'Estou de férias até segunda-feira.'],
    ['fr', 'Je suis absent du bureau jusqu\'au 3 mars.'],
    ['de', 'Ich bin bis 3. März nicht im Büro.'],
    ['it', 'Sono fuori ufficio fino a lunedì.'],
    ['nl', 'Ik ben met vakantie tot maandag.'],
    ['pl', 'Jestem na urlopie do poniedziałku.'],
    ['sv', 'Jag är på semester till måndag.'],
    ['tr', 'Şu anda ofiste değilim.'],
    ['ru', 'Я нахожусь в отпуске до понедельника.'],
    ['zh', '我目前休假，下周一回来。'],
    ['ja', '現在、休暇中のため返信が遅れます。'],
    ['ko', '현재 휴가 중입니다.'],
  ])('%s opening "%s" with Precedence: bulk is an auto-reply', async (_lang, line) => {
    const raw = replyWith(['Precedence: bulk'], line).replace(/^Content-Type: multipart\/alternative;[\s\S]*$/m, 'Content-Type: text/plain; charset=utf-8\n\n' + line + '\n');
    expect((await classifyMessage(raw)).kind).toBe('auto_reply');
  });

  it('a person answering under an out-of-office subject ("Re: Automatic reply") is a reply', async () => {
    const raw = replyWith([]).replace(/^Subject: .*$/m, 'Subject: Re: Automatic reply: Research opportunity');
    expect((await classifyMessage(raw)).kind).toBe('reply');
  });
});

describe('hints from the person\'s own words only', () => {
  it('an "unsubscribe" footer under a real reply is not an opt-out (discourse/email_reply_trimmer embedded_email_4)', async () => {
    const c = await classifyMessage(read('human_reply/trim_embedded_email_4.txt'));
    expect(c.kind).toBe('reply');
    expect(c.reply?.hint).not.toBe('opt_out');
  });

  it.each([
    ['Sounds good, send me your CV.\n\n-- \nDr. A. Mentor\nTo unsubscribe from the department newsletter, click here.', 'positive', 'RFC 3676 signature separator, footer below it'],
    ['Happy to chat next week.\nSent from my iPhone\nThis email and any attachments are confidential. If you are not the intended recipient, do not contact the sender.', 'positive', 'mobile signature and a disclaimer'],
    ['Please remove me from your list.\n\n--\nProf. B', 'opt_out', 'the person\'s own words do opt out'],
    ['Please do not remove me from your list, I am still deciding.', 'neutral', 'a negated opt-out is not one'],
  ])('%j → %s (%s)', async (body, hint) => {
    const c = await classifyMessage(replyWith([], body).replace(/^Content-Type: multipart\/alternative;[\s\S]*$/m, `Content-Type: text/plain; charset=utf-8\n\n${body}\n`));
    expect(c.kind).toBe('reply');
    expect(c.reply?.hint).toBe(hint);
  });

  it('a quota bounce and an Amazon SES notice that mention unsubscribing get no hint at all', async () => {
    for (const f of ['bounce/bp_quota.eml', 'bounce/sisimai_lhost-amazonses-01.eml']) {
      const raw = read(f).toString('latin1') + '\n\nTo unsubscribe from these notifications, reply with UNSUBSCRIBE.\n';
      const c = await classifyMessage(raw);
      expect(c.kind, f).toBe('bounce');
      expect(c.reply, f).toBeUndefined();
    }
  });

  it('ownWords keeps the text above the signature and boilerplate', async () => {
    expect(ownWords('Yes, let us talk.\n-- \nDr. X\nUnsubscribe')).toBe('Yes, let us talk.');
    expect(ownWords('Thanks!\n\nCONFIDENTIALITY NOTICE: this message is confidential.')).toBe('Thanks!');
    expect(ownWords('I will not unsubscribe anyone.')).toBe('I will not unsubscribe anyone.');
    expect((await parseInput('Hello', { bodyOnly: true })).bodyOnly).toBe(true);
  });
});
