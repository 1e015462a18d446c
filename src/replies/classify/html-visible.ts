import { stripQuoted } from './strip-quoted.js';

/**
 * Visible reply of an HTML body. Mail clients mark the quoted message in the markup, so we
 * drop those elements first (talon's html_quotations.py uses the same markers):
 * - Gmail: div.gmail_quote / blockquote.gmail_quote (and div.gmail_extra around them);
 * - Thunderbird: div.moz-cite-prefix + blockquote[type=cite]; Apple Mail: blockquote[type=cite];
 * - Outlook: div#divRplyFwdMsg / #OLK_SRC_BODY_SECTION / #appendonsend, after which all is quoted;
 * - Hotmail: hr#stopSpelling; Zimbra: hr#zwchr; Yahoo: .yahoo_quoted; any <blockquote>.
 * Then the markup becomes text and the plain-text rules (stripQuoted) catch the rest, such as an
 * Outlook "From: / Sent:" block written as paragraphs.
 */
const QUOTE_CLASS = /\b(gmail_quote|gmail_extra|moz-cite-prefix|yahoo_quoted|ygmail_quoted|OutlookMessageHeader|protonmail_quote)\b/i;
const CUT_ID = /\b(divRplyFwdMsg|OLK_SRC_BODY_SECTION|appendonsend|stopSpelling|zwchr|reply-intro)\b/i;

interface Tag {
  start: number;
  end: number;
  name: string;
  closing: boolean;
  selfClosing: boolean;
  attrs: string;
}

function* tags(html: string): Generator<Tag> {
  const re = /<(\/?)([a-zA-Z][\w:-]*)([^>]*?)(\/?)>/g;
  for (const m of html.matchAll(re)) {
    yield { start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, name: (m[2] ?? '').toLowerCase(), closing: m[1] === '/', selfClosing: m[4] === '/', attrs: m[3] ?? '' };
  }
}

/** Removes quoted elements; everything from a "cut" marker to the end goes too. */
function dropQuotedMarkup(html: string): string {
  let out = '';
  let pos = 0;
  let skip: { name: string; depth: number } | undefined;
  for (const t of tags(html)) {
    if (skip) {
      if (t.name === skip.name && !t.selfClosing) skip.depth += t.closing ? -1 : 1;
      if (skip.depth === 0) {
        skip = undefined;
        pos = t.end;
      }
      continue;
    }
    if (t.closing) continue;
    if (CUT_ID.test(t.attrs) && /\bid\s*=/.test(t.attrs)) return out + html.slice(pos, t.start);
    const quoted = t.name === 'blockquote' || QUOTE_CLASS.test(t.attrs);
    if (quoted && !t.selfClosing) {
      out += html.slice(pos, t.start);
      skip = { name: t.name, depth: 1 };
    }
  }
  return skip ? out : out + html.slice(pos);
}

const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'" };

/** HTML → plain text: block elements and <br> become line breaks, entities decoded. */
export function htmlToText(html: string): string {
  return cleanMarkup(html)
    .replace(/\s*\n\s*/g, ' ')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/?(p|div|tr|li|h[1-6]|table|hr|pre|blockquote|center)\b[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(#x?[0-9a-f]+|\w+);/gi, (whole, name: string) => {
      if (ENTITIES[name.toLowerCase()] !== undefined) return ENTITIES[name.toLowerCase()] ?? '';
      if (name.startsWith('#')) {
        const code = name[1]?.toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
      }
      return whole;
    })
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((l) => l.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Comments (Outlook's conditional <xml> blocks), head, style and script hold no visible text. */
function cleanMarkup(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(head|style|script|title|xml)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<\?xml[^>]*>|<!DOCTYPE[^>]*>/gi, '');
}

/** The visible reply of an HTML body, quoted history removed. */
export function extractVisibleFromHtml(html: string): string {
  return stripQuoted(htmlToText(dropQuotedMarkup(cleanMarkup(html))));
}
