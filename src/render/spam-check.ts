import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors/user-error.js';

export interface SpamRule {
  points: number;
  name: string;
  description: string;
  /** About how the message travelled (here: not at all), not about what it says. */
  transport: boolean;
}

export interface SpamReport {
  version: string;
  /** Points from the rules about the message itself (body, subject, headers we write). */
  contentScore: number;
  /** SpamAssassin's own total, transport rules included. */
  totalScore: number;
  required: number;
  rules: SpamRule[];
}

/**
 * Rules that fire because a previewed message was never relayed: no Received headers, no
 * SMTP hops, no DNS records checked (-L). Delivery through a real mailbox changes all of them,
 * so they are reported as such and not counted.
 */
const TRANSPORT_RULE = /^(NO_RECEIVED|NO_RELAYS|ALL_TRUSTED|UNPARSEABLE_RELAY|RDNS_\w+|SPF_\w+|DKIM_\w+|DMARC_\w+|HELO_\w+|RCVD_\w+|TO_NO_BRKTS_\w+)$/;

export function findOnPath(cmd: string, pathEnv = process.env.PATH ?? ''): string | null {
  for (const dir of pathEnv.split(path.delimiter).filter(Boolean)) {
    const file = path.join(dir, cmd);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not in this folder
    }
  }
  return null;
}

/** The "Content analysis details" table of `spamassassin -t` (rules, points, descriptions). */
export function parseSpamReport(out: string): SpamReport {
  const version = /X-Spam-Checker-Version: SpamAssassin (\S+)/.exec(out)?.[1] ?? 'unknown';
  const status = /X-Spam-Status: \w+, score=(-?[\d.]+) required=(-?[\d.]+)/.exec(out);
  const rules: SpamRule[] = [];
  const table = /Content analysis details:[^\n]*\n\s*\n\s*pts rule name[^\n]*\n-+ -+ -+\n([\s\S]*?)(?:\n\s*\n|$)/.exec(out);
  for (const line of (table?.[1] ?? '').split('\n')) {
    const m = /^\s*(-?\d+(?:\.\d+)?)\s+([A-Z0-9_]+)\s+(.*)$/.exec(line);
    if (m) rules.push({ points: Number(m[1]), name: m[2]!, description: m[3]!.trim(), transport: TRANSPORT_RULE.test(m[2]!) });
    else if (rules.length > 0 && line.trim() !== '') rules[rules.length - 1]!.description += ` ${line.trim()}`;
  }
  const contentScore = Math.round(rules.filter((r) => !r.transport).reduce((a, r) => a + r.points, 0) * 10) / 10;
  return { version, contentScore, totalScore: Number(status?.[1] ?? 0), required: Number(status?.[2] ?? 5), rules };
}

/**
 * Scores one message with `spamassassin -t -L`: local tests only (no DNS or network lookups,
 * so the result does not depend on this machine's network), no user preferences file.
 */
export function scoreWithSpamAssassin(mime: Buffer, env: NodeJS.ProcessEnv = process.env): Promise<SpamReport> {
  const bin = findOnPath('spamassassin', env.PATH);
  if (!bin)
    return Promise.reject(new UserError('spamassassin not found on PATH', { where: 'lint --spam', hint: 'install it (Debian/Ubuntu: sudo apt-get install -y spamassassin), then run lint --spam again' }));
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ['-t', '-L', '-p', '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (!/Content analysis details/.test(out))
        return reject(new UserError(`spamassassin gave no report (exit ${code}): ${err.trim().split('\n').pop() ?? ''}`, { where: bin, hint: 'run "spamassassin -t < message.eml" by hand to see why' }));
      resolve(parseSpamReport(out));
    });
    child.stdin.end(mime);
  });
}

export function formatSpamReport(r: SpamReport, what: string): string[] {
  const lines = [`SpamAssassin ${r.version}, local tests (-L), on ${what}`];
  const content = r.rules.filter((x) => !x.transport);
  const transport = r.rules.filter((x) => x.transport);
  lines.push(`content score: ${r.contentScore.toFixed(1)} points (SpamAssassin marks spam from ${r.required.toFixed(1)})`);
  if (content.length === 0) lines.push('  no content rule fired');
  for (const x of content) lines.push(`  ${x.points.toFixed(1).padStart(5)} ${x.name.padEnd(24)} ${x.description}`);
  if (transport.length > 0) {
    lines.push('not counted: rules about the unrelayed preview (a real mailbox adds Received headers, SPF and DKIM):');
    for (const x of transport) lines.push(`  ${x.points.toFixed(1).padStart(5)} ${x.name.padEnd(24)} ${x.description}`);
  }
  return lines;
}
