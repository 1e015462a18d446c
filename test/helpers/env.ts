/**
 * The environment tests run in: the user's shell must never change what a test talks to.
 * Redis comes from TEST_REDIS_URL (README, "Development"); every variable the tool reads is
 * dropped from what child processes and in-process commands see, then set explicitly.
 */
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Variables `outreach` reads (CLI-contract environment and the tool's own OUTREACH_*). */
const OURS = /^(REDIS_URL|SMTP_URL|IMAP_URL|NCBI_.*|GMAIL_.*|GOOGLE_.*|OUTREACH_.*|XDG_CONFIG_HOME|NO_COLOR|FORCE_COLOR)$/;

/** process.env without any of our variables, plus `set` (undefined values are left out). */
export function testEnv(set: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!OURS.test(k) && k !== 'TEST_REDIS_URL') env[k] = v;
  for (const [k, v] of Object.entries(set)) if (v !== undefined) env[k] = v;
  return env;
}
