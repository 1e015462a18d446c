import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors/user-error.js';
import { describeTarget, mailboxKey, parseImapUrl } from '../../src/replies/imap/imap-url.js';
import { ImapConnectionError, toImapFailure } from '../../src/replies/imap/imap-error.js';

function failure(url: string): UserError {
  try {
    parseImapUrl(url);
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error(`parsed: ${url}`);
}

describe('parseImapUrl', () => {
  it('reads imaps with defaults and decodes user, password and mailbox', () => {
    expect(parseImapUrl('imaps://me%40uni.edu:p%40ss%2Fw@imap.uni.edu')).toEqual({
      secure: true, host: 'imap.uni.edu', port: 993, user: 'me@uni.edu', pass: 'p@ss/w', mailbox: 'INBOX',
    });
  });

  it('reads imap with a port, a nested mailbox and RFC 5092 parameters', () => {
    expect(parseImapUrl('imap://u:p@127.0.0.1:1143/Replies%2F2025;UIDVALIDITY=7')).toEqual({
      secure: false, host: '127.0.0.1', port: 1143, user: 'u', pass: 'p', mailbox: 'Replies/2025',
    });
    expect(parseImapUrl('imap://u:p@[::1]/').host).toBe('::1');
    expect(parseImapUrl('imap://u:p@h/').port).toBe(143);
  });

  it('rejects bad URLs with a UserError on IMAP_URL that never echoes the password', () => {
    const cases = ['not a url hunter2', 'http://u:hunter2@h/INBOX', 'imap://h/INBOX', 'imap://u@h/INBOX', 'imap://u:%zzhunter2@h/'];
    for (const url of cases) {
      const e = failure(url);
      expect(e.where).toBe('IMAP_URL');
      expect(e.hint).toContain('imaps://');
      expect(`${e.line()} ${e.hint}`).not.toContain('hunter2');
    }
    expect(failure('http://u:p@h/').message).toContain('"http"');
  });

  it('keys and describes a mailbox without the password', () => {
    const t = parseImapUrl('imaps://me:hunter2@mail.example.org/Archive');
    expect(mailboxKey(t)).toBe('me@mail.example.org:993/Archive');
    expect(describeTarget(t)).toBe('imaps://me@mail.example.org:993/Archive');
  });
});

describe('toImapFailure', () => {
  const t = parseImapUrl('imaps://me:hunter2@mail.example.org/INBOX');

  it('tells temporary network failures from permanent ones', () => {
    const reset = toImapFailure(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), t);
    expect(reset).toBeInstanceOf(ImapConnectionError);
    expect((reset as ImapConnectionError).temporary).toBe(true);
    expect(reset.message).toBe('IMAP mail.example.org:993: read ECONNRESET (ECONNRESET) (temporary, will retry)');
    const dns = toImapFailure(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }), t);
    expect((dns as ImapConnectionError).temporary).toBe(false);
    const tls = toImapFailure(Object.assign(new Error('self-signed\ncertificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }), t);
    expect((tls as ImapConnectionError).temporary).toBe(false);
    expect(tls.message).not.toContain('\n');
  });

  it('turns an authentication failure into a UserError', () => {
    const e = toImapFailure(Object.assign(new Error('Authentication failed'), { authenticationFailed: true }), t);
    expect(e).toBeInstanceOf(UserError);
    expect(e.message).not.toContain('hunter2');
  });
});
