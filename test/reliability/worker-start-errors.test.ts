import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exited, makeProject, type TestProject } from '../helpers/project.js';

const CLI = path.resolve(import.meta.dirname, '../../dist/src/cli/main.js');

// A start-up error used to be printed while the Redis connection stayed open, so
// `worker --drain` (run from cron) never exited. Each case: why it fails, what the line says.
const CASES: { why: string; smtpUrl?: string; config?: Record<string, unknown>; says: RegExp }[] = [
  { why: 'a transport URL of another scheme', smtpUrl: 'ftp://mail.example.org', says: /SMTP_URL must start with smtp:\/\/ or smtps:\/\/, not ftp:\/\// },
  { why: 'a transport URL that is not a URL', smtpUrl: 'smtp//missing-colon', says: /SMTP_URL is not a URL/ },
  { why: 'a follow-up template that does not exist', config: { followups: [{ template: 'templates/nope.hbs' }] }, says: /templates\/nope\.hbs/ },
];

describe('worker start-up errors', () => {
  let p: TestProject;
  afterEach(async () => p?.cleanup());

  for (const c of CASES)
    for (const args of [['--drain'], []])
      it(`${c.why} (worker ${args.join(' ')}): one error line, Redis closed, non-zero exit`, async () => {
        p = await makeProject({ config: c.config });
        const env = { ...p.env, SMTP_URL: c.smtpUrl ?? '' };
        const child = spawn(process.execPath, [CLI, '--dir', p.dir, 'worker', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
        let err = '';
        child.stderr.on('data', (b: Buffer) => (err += b.toString()));
        const code = await Promise.race([exited(child), new Promise<'hung'>((r) => setTimeout(() => r('hung'), 20_000))]);
        if (code === 'hung') child.kill('SIGKILL');
        expect(code).not.toBe('hung');
        expect(code).not.toBe(0);
        expect(err).toMatch(c.says);
        expect(err.split('\n').filter((l) => l.startsWith('error:')).length).toBe(1);
      });
});
