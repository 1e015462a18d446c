import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE } from '../config/load.js';
import { UserError } from '../errors/user-error.js';

/** Starter files: [source in the package, target in the new project]. */
export const STARTER: [string, string][] = [
  ['templates/project/outreach.config.json', CONFIG_FILE],
  ['templates/project/profile.json', 'profile.json'],
  ['templates/outreach.hbs', 'templates/outreach.hbs'],
  ['templates/followup-1.hbs', 'templates/followup-1.hbs'],
  ['data/contacts.csv', 'data/contacts.csv'],
];

/** What `outreach init` asks (each has a flag of the same name in CLI-CONTRACT.md). */
export interface InitAnswers {
  name?: string;
  email?: string;
  school?: string;
  graduationYear?: string;
  usmle?: string;
  location?: string;
  skills?: string;
  ask?: string;
  flexibility?: string;
  signature?: string;
  topic?: string;
  institutions?: string[];
  transport?: 'outbox' | 'smtp' | 'gmail';
}

/**
 * Answers the template puts mid-sentence, before its own period ("...; {{profile.usmle}}. I am
 * currently based in {{profile.location}}."): a period typed at the end would be doubled.
 */
const CLAUSES = new Set<keyof InitAnswers>(['usmle', 'location']);
const clause = (text: string) => text.trim().replace(/[\s.]+$/, '');

/** The starter's own values: what a question offers as its default, to edit. */
export function starterValues(packageRoot: string): Required<Omit<InitAnswers, 'topic' | 'institutions' | 'transport'>> {
  const profile = JSON.parse(readFileSync(path.join(packageRoot, 'templates/project/profile.json'), 'utf8')) as Record<string, string>;
  const config = JSON.parse(readFileSync(path.join(packageRoot, 'templates/project/outreach.config.json'), 'utf8')) as { sender: { email: string } };
  return {
    name: profile.name!, email: config.sender.email, school: profile.medicalSchool!, graduationYear: String(profile.graduationYear),
    usmle: profile.usmle!, location: profile.location!, skills: profile.skills!, ask: profile.ask!, flexibility: profile.flexibility!,
    signature: profile.signature!,
  };
}

/**
 * Writes the starter project into `dir`, then the answers given into its config and profile.
 * Refuses to overwrite anything. The config is written 0600: it may later hold an SMTP
 * password (README, "Configuration reference").
 */
export function initProject(dir: string, packageRoot: string, answers: InitAnswers = {}): string[] {
  const targets = STARTER.map(([, to]) => path.join(dir, to));
  const existing = targets.filter((t) => existsSync(t));
  if (existing.length > 0)
    throw new UserError('already exists; init never overwrites', {
      where: existing[0]!,
      hint: 'run init in an empty folder, or move the existing files away first',
    });
  for (const [from, to] of STARTER) {
    const target = path.join(dir, to);
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(path.join(packageRoot, from), target);
  }
  const configFile = path.join(dir, CONFIG_FILE);
  const config = JSON.parse(readFileSync(configFile, 'utf8')) as Record<string, any>;
  const profileFile = path.join(dir, 'profile.json');
  const profile = JSON.parse(readFileSync(profileFile, 'utf8')) as Record<string, any>;
  const a = answers;
  if (a.name) {
    config.sender.name = a.name;
    profile.name = a.name;
  }
  if (a.email) config.sender.email = a.email;
  if (a.transport) config.transport = { ...config.transport, kind: a.transport };
  if (a.topic || a.institutions?.length) config.discover = { ...(a.topic ? { topic: a.topic } : {}), institutions: a.institutions ?? [] };
  const fields: [keyof InitAnswers, string][] = [
    ['school', 'medicalSchool'], ['graduationYear', 'graduationYear'], ['usmle', 'usmle'], ['location', 'location'],
    ['skills', 'skills'], ['ask', 'ask'], ['flexibility', 'flexibility'], ['signature', 'signature'],
  ];
  for (const [from, to] of fields) if (a[from]) profile[to] = CLAUSES.has(from) ? clause(a[from] as string) : a[from];
  // A signature left out follows the school and year given, rather than keeping the sample's.
  if (!a.signature && (a.school || a.graduationYear)) profile.signature = [profile.medicalSchool, profile.graduationYear ? `Class of ${profile.graduationYear}` : ''].filter(Boolean).join(', ');
  writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  chmodSync(configFile, 0o600); // whatever the umask
  writeFileSync(profileFile, `${JSON.stringify(profile, null, 2)}\n`);
  return targets;
}
