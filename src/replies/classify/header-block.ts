/**
 * Tiny RFC 5322 header-block helpers. mailparser structures the headers it knows; the rules here
 * want the raw values of any header (ours, X-Autoreply, Precedence...), also inside returned
 * messages that mailparser leaves as attachments, so we read header blocks ourselves.
 */

const HEADER_LINE = /^[!-9;-~]+:/; // RFC 5322 §2.2: field-name is printable ASCII except ':'
const KNOWN = /^(from|to|cc|date|subject|message-id|received|return-path|mime-version|content-type|reply-to|in-reply-to|references|delivered-to|x-[a-z0-9-]+|sender|auto-submitted|precedence|envelope-to)\s*:/i;

/** Drops a leading mbox "From " envelope line (a few fixtures start with one). */
export function stripMboxLine(text: string): string {
  return /^From \S+/.test(text) ? text.slice(text.indexOf('\n') + 1) : text;
}

/**
 * True when the text starts with an RFC 5322 header block: header lines (with folded
 * continuations) up to the first blank line, at least one of them a well-known header.
 * A reply body such as "Outlook with a reply" or an HTML fragment has none.
 */
export function hasHeaderBlock(raw: string): boolean {
  const text = stripMboxLine(raw.replace(/\r\n?/g, '\n'));
  const end = text.indexOf('\n\n');
  const block = (end === -1 ? text : text.slice(0, end)).split('\n');
  if (block.length === 0 || !HEADER_LINE.test(block[0] ?? '')) return false;
  let known = false;
  for (const line of block) {
    if (/^[ \t]/.test(line)) continue; // folded continuation
    if (!HEADER_LINE.test(line) || /^\S+:\/\//.test(line)) return false;
    if (KNOWN.test(line)) known = true;
  }
  return known;
}

/** Parses the header block at the start of `text` into lower-case name → values (unfolded). */
export function parseHeaderBlock(text: string): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  const norm = text.replace(/\r\n?/g, '\n');
  const end = norm.indexOf('\n\n');
  const lines = (end === -1 ? norm : norm.slice(0, end)).split('\n');
  let current: { name: string; value: string } | undefined;
  const flush = (): void => {
    if (!current) return;
    const list = headers.get(current.name) ?? [];
    list.push(current.value.trim());
    headers.set(current.name, list);
    current = undefined;
  };
  for (const line of lines) {
    if (/^[ \t]/.test(line) && current) {
      current.value += ' ' + line.trim();
      continue;
    }
    flush();
    const m = /^([!-9;-~]+):(.*)$/.exec(line);
    if (m) current = { name: (m[1] ?? '').toLowerCase(), value: m[2] ?? '' };
  }
  flush();
  return headers;
}

/** Finds one header's value anywhere in a text that quotes header lines (returned messages). */
export function findQuotedHeader(text: string, name: string): string | undefined {
  const re = new RegExp(`^${name.replace(/-/g, '\\-')}:[ \\t]*(.+(?:\\n[ \\t]+.+)*)`, 'im');
  const m = re.exec(text.replace(/\r\n?/g, '\n'));
  return m?.[1]?.replace(/\s*\n[ \t]+/g, ' ').trim() || undefined;
}
