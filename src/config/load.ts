import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { UserError } from '../errors/user-error.js';
import { ConfigSchema, type Config } from './schema.js';
import { ProfileSchema, type Profile } from './profile.js';
import { closestKey, knownKeys } from './unknown-key.js';

export const CONFIG_FILE = 'outreach.config.json';
/** Where `outreach redis start` records the address of the project's own Redis. */
export const MANAGED_REDIS_URL_FILE = '.redis/url';

/** The project's own Redis (`outreach redis start`), when one was started here. */
export function managedRedisUrl(dir: string): string | undefined {
  try {
    return readFileSync(path.join(dir, MANAGED_REDIS_URL_FILE), 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

export interface Project {
  dir: string;
  config: Config;
  /** Absolute path of a project-relative path from the config. */
  resolve(rel: string): string;
}

function readJson(file: string, label: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      throw new UserError(`${label} not found`, {
        where: file,
        hint: 'run "outreach init" to make a starter project, or pass --dir <project folder>',
      });
    throw err;
  }
  // Windows editors (Notepad) save UTF-8 with a byte order mark; JSON.parse refuses it.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UserError(`not valid JSON (${(err as Error).message})`, { where: file, hint: 'fix the syntax; JSON has no comments or trailing commas' });
  }
}

/**
 * Turns a zod failure into one line naming the first bad key, with every problem listed
 * after it. An unknown key is named as written, with the key it most likely meant.
 */
function schemaError(file: string, error: z.ZodError, hint: string, schema?: z.ZodType): UserError {
  const unknown = error.issues.find((i) => i.code === 'unrecognized_keys');
  if (unknown && schema) {
    const at = unknown.path.map(String).join('.');
    const written = `${at ? `${at}.` : ''}${unknown.keys[0]}`;
    const meant = closestKey(written, knownKeys(schema));
    return new UserError(`${written}: unknown key${meant ? `; did you mean \`${meant}\`?` : ''}`, {
      where: file,
      hint: meant ? `rename it to "${meant.split('.').pop()}"${meant.includes('.') ? ` inside "${meant.split('.').slice(0, -1).join('.')}"` : ''}` : hint,
      details: z.prettifyError(error),
    });
  }
  const first = error.issues[0]!;
  const key = first.path.map(String).join('.') || '(root)';
  return new UserError(`${key}: ${first.message}`, { where: file, hint, details: z.prettifyError(error) });
}

/** `$XDG_CONFIG_HOME/outreach/gmail/<sender email>.json` (`~/.config/…` when unset), where `outreach auth gmail` saves. */
export function gmailTokenPath(email: unknown, env: NodeJS.ProcessEnv): string | undefined {
  if (typeof email !== 'string' || !email.includes('@') || /[/\\\0]/.test(email)) return undefined;
  const base = env.XDG_CONFIG_HOME || path.join(env.HOME || os.homedir(), '.config');
  return path.join(base, 'outreach', 'gmail', `${email.toLowerCase()}.json`);
}

/** The environment of CLI-CONTRACT.md overrides the file. */
function applyEnv(raw: Record<string, any>, env: NodeJS.ProcessEnv): Record<string, any> {
  const out = structuredClone(raw);
  const set = (section: string, key: string, value: string | undefined) => {
    if (value === undefined || value === '') return;
    out[section] = { ...(out[section] ?? {}), [key]: value };
  };
  set('redis', 'url', env.REDIS_URL);
  set('redis', 'prefix', env.OUTREACH_PREFIX);
  set('transport', 'smtpUrl', env.SMTP_URL);
  set('imap', 'url', env.IMAP_URL);
  set('transport', 'kind', env.OUTREACH_TRANSPORT);
  set('gmail', 'apiUrl', env.GMAIL_API_URL);
  set('gmail', 'tokenUrl', env.GOOGLE_OAUTH_TOKEN_URL);
  set('gmail', 'tokenFile', env.OUTREACH_GMAIL_TOKEN || out.gmail?.tokenFile || gmailTokenPath(out.sender?.email, env));
  return out;
}

/** Parsed once at start-up; each module then gets only its slice. */
export function loadProject(dir: string, env: NodeJS.ProcessEnv = process.env): Project {
  const abs = path.resolve(dir);
  const file = path.join(abs, CONFIG_FILE);
  const raw = readJson(file, CONFIG_FILE);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new UserError('expected a JSON object', { where: file, hint: 'see the configuration reference in README.md' });
  // Precedence for Redis: REDIS_URL, then redis.url in the file, then the project's own Redis.
  const rawObj = raw as Record<string, any>;
  const managed = !env.REDIS_URL && rawObj.redis?.url === undefined ? managedRedisUrl(abs) : undefined;
  const withManaged = managed ? { ...rawObj, redis: { ...(rawObj.redis ?? {}), url: managed } } : rawObj;
  const parsed = ConfigSchema.safeParse(applyEnv(withManaged, env));
  if (!parsed.success) throw schemaError(file, parsed.error, 'see the configuration reference in README.md', ConfigSchema);
  return { dir: abs, config: parsed.data, resolve: (rel) => path.resolve(abs, rel) };
}

export function loadProfile(project: Project): Profile {
  const file = project.resolve(project.config.profile);
  const parsed = ProfileSchema.safeParse(readJson(file, 'profile'));
  if (!parsed.success) throw schemaError(file, parsed.error, 'every profile field feeds one part of the email; see README.md');
  return parsed.data;
}
