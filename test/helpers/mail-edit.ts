/** Test-side edits of real fixture messages: headers rewritten, the body left as published. */

function split(raw: Buffer): { head: string; body: string; nl: string } {
  const text = raw.toString('latin1');
  const nl = text.includes('\r\n') ? '\r\n' : '\n';
  const end = text.indexOf(`${nl}${nl}`);
  return { head: text.slice(0, end), body: text.slice(end), nl };
}

/** Drops the named top-level headers (with their folded lines) and puts the given ones first. */
export function setHeaders(raw: Buffer, set: Record<string, string>): Buffer {
  const { head, body, nl } = split(raw);
  const names = new Set(Object.keys(set).map((k) => k.toLowerCase()));
  const kept: string[] = [];
  let dropping = false;
  for (const line of head.split(nl)) {
    if (/^[ \t]/.test(line)) {
      if (!dropping) kept.push(line);
      continue;
    }
    dropping = names.has(line.slice(0, line.indexOf(':')).trim().toLowerCase());
    if (!dropping) kept.push(line);
  }
  const added = Object.entries(set).map(([k, v]) => `${k}: ${v}`);
  return Buffer.from([...added, ...kept].join(nl) + body, 'latin1');
}

/** Replaces text anywhere in the message (e.g. a bounced address in the DSN and the returned part). */
export function replaceText(raw: Buffer, from: string | RegExp, to: string): Buffer {
  const text = raw.toString('latin1');
  const re = typeof from === 'string' ? new RegExp(from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g') : from;
  return Buffer.from(text.replace(re, to), 'latin1');
}
