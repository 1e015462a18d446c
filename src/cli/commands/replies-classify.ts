import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../../errors/user-error.js';
import { classifyMessage, type Classification } from '../../replies/classify/index.js';
import { hasHeaderBlock } from '../../replies/classify/header-block.js';
import { formatTable, oneLine } from '../../replies/text-table.js';
import type { CommandResult } from '../io.js';

export type ClassifiedFile = { file: string } & Classification;

/**
 * Classifies each file: an RFC 822 message, or (a .txt/.html file with no header block) a
 * reply body on its own. An unreadable file stops the run with a UserError naming it.
 */
export async function classifyFiles(files: string[], now?: Date): Promise<ClassifiedFile[]> {
  const out: ClassifiedFile[] = [];
  for (const file of files) {
    let buf: Buffer;
    try {
      buf = await readFile(path.resolve(file));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'error';
      throw new UserError(`cannot read the message file (${code})`, {
        where: file,
        hint: 'give the path of an .eml message, or of a .txt/.html reply body',
        cause: err,
      });
    }
    // .txt/.html without a header block is a reply body; anything else is detected by content.
    const bodyOnly = /\.(txt|html?)$/i.test(file) ? !hasHeaderBlock(buf.toString('utf8')) : undefined;
    const c = await classifyMessage(buf, { ...(bodyOnly !== undefined ? { bodyOnly } : {}), ...(now ? { now } : {}) });
    out.push({ file, ...c });
  }
  return out;
}

/** One line per file: file, kind, and what matters for that kind. */
export function formatClassificationTable(rows: ClassifiedFile[]): string {
  const detail = (r: ClassifiedFile): string => {
    if (r.bounce) return [r.bounce.type, r.bounce.status, r.bounce.recipient].filter(Boolean).join(' ');
    if (r.kind === 'auto_reply') return r.autoReply?.returnDate ? `back ${r.autoReply.returnDate}` : 'no return date';
    if (r.reply) return `${r.reply.hint}: ${oneLine(r.reply.text, 50)}`;
    return r.reasons[0] ?? '';
  };
  return formatTable([['FILE', 'KIND', 'DETAIL'], ...rows.map((r) => [r.file, r.kind, detail(r)])]);
}

/** `outreach replies classify <file...>`: no mailbox, no Redis. */
export async function repliesClassify(files: string[]): Promise<CommandResult<ClassifiedFile[]>> {
  const rows = await classifyFiles(files);
  return { data: rows, text: formatClassificationTable(rows) };
}
