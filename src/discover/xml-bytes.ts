/**
 * Byte-level helpers for reading a few known elements out of an XML buffer without a full
 * parser: every search is a native `Buffer.indexOf`, so the bytes between the elements asked
 * for (abstracts, MeSH lists, references) are skipped at memchr speed, and every step moves
 * forward, so reading an element costs time linear in the bytes it spans.
 */

/** `<Name` as bytes, for `openTag` / `element`. */
export interface TagName {
  open: Buffer;
  close: Buffer;
}

export function tagName(name: string): TagName {
  return { open: Buffer.from(`<${name}`, 'latin1'), close: Buffer.from(`</${name}>`, 'latin1') };
}

const GT = 0x3e;
const SLASH = 0x2f;

/** A byte that may follow an element name in its start tag: '>', '/' or white space. */
function endsName(b: number | undefined): boolean {
  return b === GT || b === SLASH || b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
}

/** Index of the '<' of the first start tag of `t` in [from, to), or -1 (`<Author` never matches `<AuthorList`). */
export function openTag(buf: Buffer, t: TagName, from: number, to: number): number {
  // A search runs to the end of `buf`, so callers pass a view of one article or author:
  // a tag absent from it costs that view's length, never the whole read buffer's.
  for (let i = buf.indexOf(t.open, from); i >= 0 && i < to; i = buf.indexOf(t.open, i + 1)) {
    if (endsName(buf[i + t.open.length])) return i;
  }
  return -1;
}

/** Where an element's start tag, content and end are; `content` is empty for `<X/>`. */
export interface Span {
  tag: number;
  tagEnd: number;
  start: number;
  end: number;
  next: number;
}

/** The first element `t` in [from, to) (elements of the same name do not nest in PubMed XML). */
export function element(buf: Buffer, t: TagName, from: number, to: number): Span | undefined {
  const tag = openTag(buf, t, from, to);
  if (tag < 0) return undefined;
  const gt = buf.indexOf(GT, tag + t.open.length);
  if (gt < 0 || gt >= to) return undefined;
  if (buf[gt - 1] === SLASH) return { tag, tagEnd: gt + 1, start: gt + 1, end: gt + 1, next: gt + 1 };
  const close = buf.indexOf(t.close, gt + 1);
  if (close < 0 || close + t.close.length > to) return undefined;
  return { tag, tagEnd: gt + 1, start: gt + 1, end: close, next: close + t.close.length };
}

/** Every element `t` in [from, to), in order. */
export function* elements(buf: Buffer, t: TagName, from: number, to: number): Generator<Span> {
  for (let s = element(buf, t, from, to); s; s = element(buf, t, s.next, to)) yield s;
}

/** The start tag's bytes (for attribute checks such as `Source="ORCID"`). */
export function startTag(buf: Buffer, s: Span): string {
  return buf.toString('latin1', s.tag, s.tagEnd);
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const ENTITY_RE = /&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8});/g;
// Linear: each alternative starts with a distinct literal and ends at the first closing mark.
const MARKUP_RE = /<!\[CDATA\[([\s\S]*?)\]\]>|<!--[\s\S]*?-->|<[^>]*>/g;
const SPACE_RE = /\s+/g;

function decodeEntity(all: string, body: string): string {
  if (body.charCodeAt(0) === 0x23) {
    const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
  }
  return ENTITY[body] ?? all;
}

/**
 * The text of a span as a parser would report it: markup inside (e.g. `<i>`, `<sup>`) dropped,
 * CDATA kept, entities decoded, white space collapsed.
 */
export function textOf(buf: Buffer, s: Span): string {
  let raw = buf.toString('utf8', s.start, s.end);
  if (raw.includes('<')) raw = raw.replace(MARKUP_RE, (_m, cdata: string | undefined) => cdata ?? '');
  if (raw.includes('&')) raw = raw.replace(ENTITY_RE, decodeEntity);
  return raw.replace(SPACE_RE, ' ').trim();
}
