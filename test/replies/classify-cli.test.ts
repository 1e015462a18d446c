import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { UserError } from '../../src/errors/user-error.js';

// `outreach replies classify <file...> [--json]` through a real commander tree.
const FIX = path.join(import.meta.dirname, '../fixtures/replies');
const tmp = mkdtempSync(path.join(tmpdir(), 'classify-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(args: string[]): Promise<string> {
  return runCli(tmp, ['replies', 'classify', ...args]);
}

describe('replies classify', () => {
  const bounce = path.join(FIX, 'bounce/sisimai_lhost-postfix-06.eml');
  const auto = path.join(FIX, 'auto_reply/sisimai_rfc3834-01.eml');
  const body = path.join(FIX, 'human_reply/erp_email_iPhone.txt');

  it('--json prints [{file, kind, ...}] for each file in order', async () => {
    const rows = JSON.parse(await run([bounce, auto, body, '--json'])) as Array<Record<string, unknown>>;
    expect(rows.map((r) => [r.file, r.kind])).toEqual([[bounce, 'bounce'], [auto, 'auto_reply'], [body, 'reply']]);
    expect(rows[0]).toMatchObject({ bounce: { type: 'hard', status: '5.4.4', recipient: 'kijitora@neko.example.jp' } });
    expect(rows[1]).toMatchObject({ autoReply: { returnDate: '2005-05-05' } });
    expect(rows[2]).toMatchObject({ reply: { text: 'Here is another email', hint: 'neutral' } });
  });

  it('prints a readable table without --json', async () => {
    const out = await run([bounce, body]);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^FILE\s+KIND\s+DETAIL$/);
    expect(lines[1]).toMatch(/bounce\s+hard 5\.4\.4 kijitora@neko\.example\.jp$/);
    expect(lines[2]).toMatch(/reply\s+neutral: Here is another email$/);
  });

  it('treats a .txt file that starts with a header-like line but no header block as a body', async () => {
    const file = path.join(tmp, 'note.txt');
    writeFileSync(file, 'Note: happy to chat next week.\n\nOn Mon, Dec 2, 2024 at 9:00 AM A <a@b.org> wrote:\n> hi\n');
    const [row] = JSON.parse(await run([file, '--json'])) as Array<Record<string, unknown>>;
    expect(row).toMatchObject({ kind: 'reply', reply: { text: 'Note: happy to chat next week.', hint: 'positive' } });
  });

  it('classifies a .txt file that holds a full message by its headers', async () => {
    const file = path.join(tmp, 'saved.txt');
    writeFileSync(file, readFileSync(bounce));
    const [row] = JSON.parse(await run([file, '--json'])) as Array<Record<string, unknown>>;
    expect(row?.kind).toBe('bounce');
  });

  it('an unreadable file is a UserError naming the file', async () => {
    const missing = path.join(tmp, 'nope.eml');
    const err = await run([missing]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).line()).toBe(`${missing}: cannot read the message file (ENOENT)`);
    expect((err as UserError).hint).toMatch(/\.eml/);
  });
});
