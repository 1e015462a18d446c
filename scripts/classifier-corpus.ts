import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { classifyMessage, KINDS, type ReplyKind } from '../src/replies/classify/index.js';

/**
 * The labelled corpus of real messages (test/fixtures/replies/corpus-labels.csv) and the
 * figures the classifier is judged by. The split into a tuning and a held-out half is fixed
 * by a hash of the file name, so no one can move a hard case out of the held-out half.
 */

export interface CorpusRow {
  file: string;
  kind: ReplyKind;
  split: 'tuning' | 'heldout';
  notes: string;
}

export interface Outcome extends CorpusRow {
  got: ReplyKind;
  hint?: string;
  bounceType?: 'hard' | 'soft';
  reasons: string[];
}

export interface ClassStats {
  kind: ReplyKind;
  support: number;
  predicted: number;
  correct: number;
  precision: number;
  recall: number;
}

export interface Measurement {
  split: string;
  total: number;
  correct: number;
  accuracy: number;
  /** Same figure over full RFC 822 messages only (body-only replies are "reply" by definition). */
  fullMessages: { total: number; correct: number; accuracy: number };
  classes: ClassStats[];
  misses: Outcome[];
  /** Messages given an opt-out hint: none of the corpus asks to be removed, so each is a false one. */
  optOuts: Outcome[];
}

/** Held-out when the first byte of sha256(file) is even. */
export function splitOf(file: string): 'tuning' | 'heldout' {
  return (createHash('sha256').update(file).digest()[0] ?? 0) % 2 === 0 ? 'heldout' : 'tuning';
}

/** Minimal RFC 4180 reader: quoted fields may hold commas and doubled quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows.filter((r) => r.some((f) => f !== ''));
}

export function readCorpus(root: string): CorpusRow[] {
  const [head, ...rows] = parseCsv(readFileSync(path.join(root, 'corpus-labels.csv'), 'utf8'));
  const col = (name: string): number => head?.indexOf(name) ?? -1;
  const [f, k, s, n] = [col('file'), col('kind'), col('split'), col('notes')];
  return rows.map((r) => {
    const label = r[k] ?? '';
    return {
      file: r[f] ?? '',
      kind: (label === 'human_reply' ? 'reply' : label) as ReplyKind,
      split: r[s] as CorpusRow['split'],
      notes: r[n] ?? '',
    };
  });
}

export async function classifyCorpus(root: string, rows: CorpusRow[], now = new Date('2026-01-01T00:00:00Z')): Promise<Outcome[]> {
  const out: Outcome[] = [];
  for (const row of rows) {
    const c = await classifyMessage(readFileSync(path.join(root, row.file)), { now });
    const o: Outcome = { ...row, got: c.kind, reasons: c.reasons };
    if (c.reply) o.hint = c.reply.hint;
    if (c.bounce) o.bounceType = c.bounce.type;
    out.push(o);
  }
  return out;
}

export function measure(split: string, outcomes: Outcome[]): Measurement {
  const classes = KINDS.map((kind) => {
    const support = outcomes.filter((o) => o.kind === kind).length;
    const predicted = outcomes.filter((o) => o.got === kind).length;
    const correct = outcomes.filter((o) => o.kind === kind && o.got === kind).length;
    return { kind, support, predicted, correct, precision: predicted ? correct / predicted : 1, recall: support ? correct / support : 1 };
  });
  const correct = outcomes.filter((o) => o.got === o.kind).length;
  const full = outcomes.filter((o) => /\.(eml|msg)$/.test(o.file));
  const fullCorrect = full.filter((o) => o.got === o.kind).length;
  return {
    split,
    total: outcomes.length,
    correct,
    accuracy: outcomes.length ? correct / outcomes.length : 1,
    fullMessages: { total: full.length, correct: fullCorrect, accuracy: full.length ? fullCorrect / full.length : 1 },
    classes,
    misses: outcomes.filter((o) => o.got !== o.kind),
    optOuts: outcomes.filter((o) => o.hint === 'opt_out'),
  };
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** Markdown table and miss list, as pasted into reports. */
export function formatMeasurement(m: Measurement): string {
  const lines = [
    `### ${m.split}: ${m.correct}/${m.total} right, accuracy ${pct(m.accuracy)} (full messages only: ${m.fullMessages.correct}/${m.fullMessages.total}, ${pct(m.fullMessages.accuracy)})`,
    '',
    '| class | messages | predicted | correct | precision | recall |',
    '|---|---:|---:|---:|---:|---:|',
    ...m.classes.map((c) => `| ${c.kind} | ${c.support} | ${c.predicted} | ${c.correct} | ${pct(c.precision)} | ${pct(c.recall)} |`),
    '',
    `misses (${m.misses.length}):`,
    ...m.misses.map((o) => `- ${o.file}: labelled ${o.kind}, got ${o.got} (${o.reasons.slice(0, 2).join('; ')})`),
    `opt-out hints (${m.optOuts.length}):`,
    ...m.optOuts.map((o) => `- ${o.file}: ${o.reasons.join('; ')}`),
  ];
  return lines.join('\n') + '\n';
}
