import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/project.js';

// init wrote outreach.config.json as 0644 whatever the umask, yet transport.smtpUrl can hold
// an SMTP password: it is owner-only now. Each umask is a real one users have.
describe('init file modes', () => {
  let dir: string | undefined;
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

  for (const umask of ['022', '002', '000'])
    it(`umask ${umask}: outreach.config.json is 0600`, () => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'outreach-init-'));
      const target = path.join(dir, 'p');
      const r = spawnSync('sh', ['-c', `umask ${umask} && exec "${process.execPath}" "${CLI}" init "${target}"`], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
      expect(r.status).toBe(0);
      expect(statSync(path.join(target, 'outreach.config.json')).mode & 0o777).toBe(0o600);
    });
});
