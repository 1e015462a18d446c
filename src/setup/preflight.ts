import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import { hasLineBreak } from '../message/compose.js';
import { CONFIG_FILE, type Project } from '../config/load.js';

/** A problem with the project itself (config and the files it names), found before anything is queued. */
export interface ProjectProblem {
  where: string;
  field: string;
  reason: string;
}

function statOrNull(p: string) {
  try {
    return statSync(p);
  } catch {
    return null;
  }
}

/** The outbox folder can be made: it is a folder, or its nearest existing parent is a writable folder. */
function outboxProblem(dir: string): string | null {
  const here = statOrNull(dir);
  if (here) return here.isDirectory() ? null : 'is a file, not a folder';
  for (let up = path.dirname(dir), below = dir; up !== below; below = up, up = path.dirname(up)) {
    const s = statOrNull(up);
    if (!s) continue;
    if (!s.isDirectory()) return `cannot be made: ${up} is a file`;
    try {
      accessSync(up, constants.W_OK);
      return null;
    } catch {
      return `cannot be made: ${up} is not writable`;
    }
  }
  return null;
}

/**
 * Checks what every send depends on, so a project that would fail each send for good is
 * refused by lint and by send before it queues anything (ARCHITECTURE.md invariant 5 covers rows; these
 * are project-wide): header values without line breaks, an attachment that is a readable
 * file, an outbox path that is (or can become) a folder.
 */
export function projectProblems(project: Project): ProjectProblem[] {
  const c = project.config;
  const file = project.resolve(CONFIG_FILE);
  const out: ProjectProblem[] = [];
  const headerValues: [string, string | undefined][] = [['sender.name', c.sender.name], ['sender.email', c.sender.email], ['sender.replyTo', c.sender.replyTo]];
  for (const [field, v] of headerValues)
    if (v !== undefined && hasLineBreak(v)) out.push({ where: file, field, reason: 'line break in a value that goes into a header' });
  if (c.attachment) {
    const p = project.resolve(c.attachment.path);
    const s = statOrNull(p);
    let reason: string | null = null;
    if (!s) reason = `file not found: ${p}`;
    else if (!s.isFile()) reason = `not a file: ${p}`;
    else
      try {
        accessSync(p, constants.R_OK);
      } catch {
        reason = `not readable: ${p}`;
      }
    if (reason) out.push({ where: file, field: 'attachment.path', reason });
  }
  if (!c.transport.smtpUrl) {
    const dir = project.resolve(c.transport.outboxDir);
    const why = outboxProblem(dir);
    if (why) out.push({ where: file, field: 'transport.outboxDir', reason: `${dir} ${why}` });
  }
  return out;
}

export function formatProjectProblem(p: ProjectProblem): string {
  return `${p.where}: ${p.field}: ${p.reason}`;
}
