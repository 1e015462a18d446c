/**
 * A throwaway Dovecot IMAP server on loopback for the reply-sync tests.
 * Needs Debian's dovecot-imapd and the `vmail` user: run `.ci/dovecot.sh` once (as root).
 * Recipe: /work/shared/notes/services.md ("A throwaway Dovecot IMAP server on loopback").
 */
import { execFile, spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ImapFlow } from 'imapflow';
import { freePort } from './ports.js';

const run = promisify(execFile);

export interface Dovecot {
  /** imap://tester:secret@127.0.0.1:PORT/INBOX */
  url: string;
  port: number;
  dir: string;
  conf: string;
  stop(): Promise<void>;
}

async function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('data', (d) => { s.destroy(); resolve(d.toString().startsWith('* OK')); });
    s.once('error', () => resolve(false));
  });
}

async function waitForPort(port: number, log: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await answers(port)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`dovecot did not answer on 127.0.0.1:${port}; see ${log}`);
}

async function ids(): Promise<{ uid: number; gid: number }> {
  const uid = Number((await run('id', ['-u', 'vmail'])).stdout.trim());
  const gid = Number((await run('id', ['-g', 'vmail'])).stdout.trim());
  return { uid, gid };
}

function config(d: string, port: number, uid: number): string {
  return `base_dir = ${d}/run
listen = 127.0.0.1
protocols = imap
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
log_path = ${d}/dovecot.log
passdb {
  driver = passwd-file
  args = ${d}/passwd
}
userdb {
  driver = passwd-file
  args = ${d}/passwd
}
mail_location = maildir:~/Maildir
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
first_valid_uid = ${uid}
`;
}

/**
 * `dovecot -c` forks the master into the background; the parent exits once it has. Its
 * output is not piped (the daemon would hold the pipe open and execFile would never return).
 */
async function startDaemon(conf: string): Promise<void> {
  const child = spawn('dovecot', ['-c', conf], { stdio: 'ignore' });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`dovecot -c ${conf} exited with ${code}; run .ci/dovecot.sh first`);
}

export async function startDovecot(): Promise<Dovecot> {
  const { uid, gid } = await ids();
  const dir = await mkdtemp(join(tmpdir(), 'dovecot-'));
  // mkdtemp makes a 0700 folder; the vmail user must be able to walk down to its maildir.
  await chmod(dir, 0o755);
  await mkdir(join(dir, 'mail', 'tester'), { recursive: true });
  await mkdir(join(dir, 'run'), { recursive: true });
  await run('chown', ['-R', `${uid}:${gid}`, join(dir, 'mail')]);
  await writeFile(join(dir, 'passwd'), `tester:{PLAIN}secret:${uid}:${gid}::${dir}/mail/tester\n`);
  const port = await freePort();
  const conf = join(dir, 'dovecot.conf');
  await writeFile(conf, config(dir, port, uid));
  await startDaemon(conf);
  await waitForPort(port, join(dir, 'dovecot.log'));
  return {
    url: `imap://tester:secret@127.0.0.1:${port}/INBOX`,
    port,
    dir,
    conf,
    async stop() {
      await run('doveadm', ['-c', conf, 'stop']).catch(() => undefined);
      // The master exits a moment after `stop` returns; wait until the port is closed.
      for (let i = 0; i < 100 && (await answers(port)); i++) await new Promise((r) => setTimeout(r, 50));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A connected client for test setup (never the code under test). */
async function client(d: Dovecot): Promise<ImapFlow> {
  const c = new ImapFlow({
    host: '127.0.0.1', port: d.port, secure: false, doSTARTTLS: false,
    auth: { user: 'tester', pass: 'secret' }, logger: false, disableAutoIdle: true,
  });
  c.on('error', () => undefined);
  await c.connect();
  return c;
}

/** The URL of a fresh mailbox, so each test starts empty. */
export async function createMailbox(d: Dovecot, name: string): Promise<string> {
  const c = await client(d);
  try {
    await c.mailboxCreate(name);
  } finally {
    await c.logout();
  }
  return d.url.replace(/\/INBOX$/, `/${encodeURIComponent(name)}`);
}

/** APPENDs raw messages in order; returns the UIDs the server gave them (UIDPLUS). */
export async function appendMessages(d: Dovecot, mailbox: string, raws: Buffer[]): Promise<number[]> {
  const c = await client(d);
  const uids: number[] = [];
  try {
    for (const raw of raws) {
      const res = await c.append(mailbox, raw);
      if (!res || res.uid === undefined) throw new Error('APPEND returned no UID');
      uids.push(res.uid);
    }
  } finally {
    await c.logout();
  }
  return uids;
}

/**
 * Gives the mailbox a new UIDVALIDITY, as a server does after a rebuild or a restore
 * (RFC 3501 2.3.1.1): every cached UID is then void.
 */
export async function changeUidValidity(d: Dovecot, mailbox: string): Promise<string> {
  const next = String(Math.floor(Date.now() / 1000) + Math.floor(Math.random() * 100_000));
  await run('doveadm', ['-c', d.conf, 'mailbox', 'update', '-u', 'tester', '--uid-validity', next, mailbox]);
  return next;
}

/** Drops every IMAP session of the test user, as a server restart or a network cut would. */
export async function kickTester(d: Dovecot): Promise<void> {
  await run('doveadm', ['-c', d.conf, 'kick', 'tester']);
}

/** The flags of every message in a mailbox, by UID (to check that a sync changed nothing). */
export async function flagsByUid(d: Dovecot, mailbox: string): Promise<Map<number, string[]>> {
  const c = await client(d);
  const out = new Map<number, string[]>();
  try {
    const lock = await c.getMailboxLock(mailbox, { readOnly: true });
    try {
      for (const m of await c.fetchAll('1:*', { uid: true, flags: true }, { uid: true })) out.set(m.uid, [...(m.flags ?? [])]);
    } finally {
      lock.release();
    }
  } finally {
    await c.logout();
  }
  return out;
}

/** Real messages from test/fixtures/replies-imap/ (see PROVENANCE.md there), in a fixed order. */
export const IMAP_FIXTURES = [
  'talon_gmail.eml',
  'talon_thunderbird.eml',
  'talon_iphone.eml',
  'sisimai_rfc3834-01.eml',
  'sisimai_lhost-postfix-06.eml',
] as const;

export async function loadImapFixtures(): Promise<{ name: string; raw: Buffer; messageId: string }[]> {
  const base = new URL('../fixtures/replies-imap/', import.meta.url);
  return Promise.all(IMAP_FIXTURES.map(async (name) => {
    const raw = await readFile(new URL(name, base));
    const id = /^message-id:\s*(<[^>]+>)/im.exec(raw.toString('latin1'))?.[1];
    if (!id) throw new Error(`${name} has no Message-ID`);
    return { name, raw, messageId: id };
  }));
}

/** Deletes and expunges one message by UID, as a user's mail client would. */
export async function deleteMessage(d: Dovecot, mailbox: string, uid: number): Promise<void> {
  const c = await client(d);
  try {
    const lock = await c.getMailboxLock(mailbox);
    try {
      if (!(await c.messageDelete(String(uid), { uid: true }))) throw new Error(`UID ${uid} not deleted`);
    } finally {
      lock.release();
    }
  } finally {
    await c.logout();
  }
}
