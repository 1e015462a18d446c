import { afterEach, describe, expect, it } from 'vitest';
import { exitWithin, makeProject, type TestProject } from '../helpers/project.js';

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
        const child = p.spawnWorker(args, { SMTP_URL: c.smtpUrl ?? '' });
        let err = '';
        child.stderr.on('data', (b: Buffer) => (err += b.toString()));
        const code = await exitWithin(child, 20_000);
        if (code === 'hung') child.kill('SIGKILL');
        expect(code).not.toBe('hung');
        expect(code).not.toBe(0);
        expect(err).toMatch(c.says);
        expect(err.split('\n').filter((l) => l.startsWith('error:')).length).toBe(1);
      });
});
