import type { StoredContact } from '../campaign/stored-contact.js';
import { stepName } from '../config/step-name.js';
import type { MessageRenderer } from './message-renderer.js';
import { isRecent, RECENT_YEARS } from './phrasing/recency.js';

/**
 * Tells: text that renders fine but reads like a mail merge to the professor. They are
 * warnings, printed as "warning:" lines: they never change lint's exit code or what send
 * queues, unless the user asks for --strict.
 */
export interface Tell {
  /** The contact's address, or "" for a campaign-wide tell. */
  contact: string;
  source: string;
  step: number;
  field: string;
  reason: string;
}

export const MAX_SENTENCE_WORDS = 35;
/** Long subjects are cut in the inbox list (Gmail shows about 70 characters on a desktop). */
export const MAX_SUBJECT_TELL = 70;
/** The "same opening line" check needs this many contacts to mean anything. */
export const SAME_OPENING_MIN = 5;

// Abbreviations whose period does not end a sentence.
const ABBREVIATIONS = /\b(?:Dr|Mr|Mrs|Ms|Prof|St|vs|etc|al|e\.g|i\.e|U\.S|Jr|Sr|No|Fig|Dept|Univ)\.$/;

/** The paragraphs a person wrote: the greeting line, quoted lines and the sign-off are left out. */
function paragraphs(text: string): string[] {
  return text
    .split(/\n{2,}/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '' && !p.startsWith('>'));
}

/** Sentences, with a quoted title counted as one word (it reads as one unit). */
export function sentences(paragraph: string): string[] {
  // Inside a quoted title, spaces and marks are masked; a mark just before the closing quote still ends the sentence.
  const masked = paragraph.replace(/"([^"]*?)([.?!]?)"/g, (_q, inner: string, end: string) => `"${inner.replace(/\s+/g, '\u00a0').replace(/[.?!]/g, '\u2024')}${end}"`);
  const out: string[] = [];
  let start = 0;
  const re = /[.?!]["')\]]?(?=\s+["(\p{Lu}\d])/gu;
  for (let m = re.exec(masked); m; m = re.exec(masked)) {
    const end = m.index + m[0].length;
    if (ABBREVIATIONS.test(masked.slice(start, m.index + 1))) continue;
    out.push(masked.slice(start, end).trim());
    start = end;
  }
  out.push(masked.slice(start).trim());
  return out.filter((s) => s !== '');
}

function wordCount(s: string): number {
  return s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

function shortly(s: string): string {
  const words = s.replace(/\u00a0/g, ' ').replace(/\u2024/g, '.').split(/\s+/);
  return words.length > 8 ? `"${words.slice(0, 8).join(' ')} ..."` : `"${words.join(' ')}"`;
}

/** A few whole words either side of a spot in the text: `"...Complete Reperfusion." in Seminars in ..."`. */
function around(s: string, at: number, length: number): string {
  const before = s.slice(0, at).split(' ').slice(-4).join(' ');
  const after = s.slice(at + length).split(' ').slice(0, 3).join(' ');
  return `"...${before}${s.slice(at, at + length)}${after} ..."`;
}

/** Tells in one rendered message text (the part the template wrote, without the quoted original). */
export function textTells(subject: string, text: string, row: Record<string, string | undefined>, now: Date): { field: string; reason: string }[] {
  const found: { field: string; reason: string }[] = [];
  const add = (field: string, reason: string) => found.push({ field, reason });
  const paras = paragraphs(text);
  for (const [where, s] of [['subject', subject] as const, ...paras.map((p) => ['body', p] as const)]) {
    // The second word is a lookahead, so "cardiac imaging imaging" is checked pair by pair.
    for (const m of s.matchAll(/(?<![\p{L}'-])(\p{L}[\p{L}'-]*)\s+(?=(\p{L}[\p{L}'-]*)(?![\p{L}'-]))/gu))
      if (m[1]!.toLowerCase() === m[2]!.toLowerCase()) add(where, `doubled word "${m[1]} ${m[2]}" (a field and the text around it say it twice; see {{topic_phrase}})`);
    for (const m of s.matchAll(/([.;:]"(?=\s+[\p{Ll}(]|[,;:).])|[?!]"[,.;:])/gu))
      add(where, `punctuation left inside quotes: ${around(s, m.index!, m[0].length)} (use {{quoted ...}})`);
  }
  for (const p of paras)
    for (const s of sentences(p)) {
      const n = wordCount(s);
      if (n > MAX_SENTENCE_WORDS) add('body', `a sentence of ${n} words (over ${MAX_SENTENCE_WORDS}): ${shortly(s)}`);
    }
  const year = row.recent_paper_year;
  if (year && !isRecent(year, now) && /\brecent(ly)?\b/i.test(paras.join(' ')))
    add('body', `says "recent" but the paper is from ${year}, more than ${RECENT_YEARS} years ago (use {{your_paper recent_paper_year}})`);
  if (subject.length > MAX_SUBJECT_TELL) add('subject', `${subject.length} characters (over ${MAX_SUBJECT_TELL}; the inbox cuts it)`);
  return dedupe(found);
}

function dedupe<T extends { field: string; reason: string }>(list: T[]): T[] {
  const seen = new Set<string>();
  return list.filter((t) => {
    const k = `${t.field}\u0000${t.reason}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The first paragraph after the greeting: what the professor reads first. */
export function openingLine(text: string): string {
  const paras = paragraphs(text);
  const body = /^(dear|hello|hi)\b/i.test(paras[0] ?? '') ? paras.slice(1) : paras;
  return sentences(body[0] ?? '')[0]?.replace(/\u00a0/g, ' ').replace(/\u2024/g, '.') ?? '';
}

/** Whether a row has what makes the email about this person (a paper of theirs). */
function hasPersonalPart(c: StoredContact): boolean {
  return Boolean(c.row.recent_paper_title?.trim());
}

/**
 * Every tell of a campaign: per message, then the campaign-wide one (every contact opens the
 * same way while most rows have nothing personal to say). Messages that fail to render are
 * lint's problems, not tells, and are skipped here.
 */
export function campaignTells(renderer: MessageRenderer, contacts: StoredContact[], now = new Date()): Tell[] {
  const tells: Tell[] = [];
  const openings = new Map<string, number>();
  let rendered = 0;
  for (const c of contacts)
    for (let step = 0; step < renderer.steps; step++) {
      let r;
      try {
        r = renderer.renderText(c, step, now);
      } catch {
        continue;
      }
      // A follow-up's subject is "Re: <first subject>", checked with the first email.
      const subject = step === 0 ? r.subject : '';
      for (const t of textTells(subject, r.text, c.row, now)) tells.push({ contact: c.email, source: c.source, step, ...t });
      if (step === 0) {
        rendered++;
        const o = openingLine(r.text);
        openings.set(o, (openings.get(o) ?? 0) + 1);
      }
    }
  const impersonal = contacts.filter((c) => !hasPersonalPart(c)).length;
  if (rendered >= SAME_OPENING_MIN && openings.size === 1 && impersonal * 2 > contacts.length) {
    const [line] = [...openings.keys()];
    tells.push({
      contact: '', source: '', step: 0, field: 'opening',
      reason: `all ${rendered} contacts get the same opening line (${shortly(line!)}) and ${impersonal} of ${contacts.length} rows have no recent_paper_title: it reads as a mail merge; add each person's paper, or open with something about them`,
    });
  }
  return tells;
}

export function formatTell(campaign: string, t: Tell): string {
  const who = t.contact ? `${t.source}: ${t.contact}: ` : '';
  return `warning: ${who}${campaign} ${stepName(t.step)}: ${t.field}: ${t.reason}`;
}
