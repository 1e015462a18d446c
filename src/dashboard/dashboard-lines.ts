import type { CampaignSnapshot, Rate, Snapshot } from '../status/snapshot.js';
import { MIN_FOR_RATE, MIN_FOR_VARIANT, rateText } from '../status/snapshot.js';
import { bar, duration, fit, pct, shortTime, sparkline } from './format.js';

/** A run of text with a role; the view maps roles to colours (none with NO_COLOR). */
export interface Segment {
  text: string;
  role?: 'title' | 'label' | 'good' | 'bad' | 'dim' | 'warn';
}
export type Line = Segment[];

export interface Layout {
  width: number;
  height: number;
  help?: boolean;
  /** At most this many latest events (default: as many as fit). */
  maxEvents?: number;
}

const EVENT_WORDS: Record<string, string> = { auto_reply: 'auto-reply', soft_bounce: 'soft bounce', bounce: 'bounce (hard)' };

const t = (text: string, role?: Segment['role']): Segment => (role ? { text, role } : { text });

/** One line per rate: "name  replied/delivered  rate (CI)". */
function rateRow(r: Rate, nameWidth: number): Line {
  return [t(fit(r.name, nameWidth), 'label'), t(` ${String(r.replied).padStart(4)}/${String(r.delivered).padEnd(5)} `), t(rateText(r), r.rate === null ? 'dim' : undefined)];
}

/** Several rates on one line: "name 12.0% · name too few". */
function inlineRates(label: string, rows: Rate[], width: number): Line {
  const parts = rows.map((r) => `${r.name} ${r.replied}/${r.delivered} ${r.rate === null ? 'too few to tell' : pct(r.rate)}`);
  let text = '';
  for (const p of parts) {
    const next = text ? `${text} · ${p}` : p;
    if (label.length + next.length + 1 > width) {
      text += text ? ` · +${rows.length - text.split(' · ').length} more` : '';
      break;
    }
    text = next;
  }
  return [t(`${label} `, 'label'), t(text || '-')];
}

function helpLines(): Line[] {
  return [
    [t('Keys', 'title')],
    [t('  q, Ctrl-C  quit')],
    [t('  tab       next campaign')],
    [t('  ?         this help (press again to go back)')],
    [],
    [t('Terms', 'title')],
    [t('  delivered   sent minus hard bounces')],
    [t('  reply rate  replied / delivered, with a 95% Wilson interval;')],
    [t(`              "too few to tell" below ${MIN_FOR_RATE} delivered`)],
    [t('  variants    each compared with the first by a two-sided Fisher\'s exact')],
    [t(`              test; "too few sends to tell" below ${MIN_FOR_VARIANT} delivered each`)],
    [t('  next due    when each queued send may go, in the contact\'s time zone')],
  ];
}

/** The two columns of the funnel (left) and what fell out of it (right). */
function funnel(c: CampaignSnapshot, width: number): Line[] {
  const f = c.funnel;
  const s = c.side;
  const left = Math.min(46, Math.floor(width * 0.58));
  const barWidth = Math.max(4, left - 17);
  const rows: Array<[string, number]> = [['contacts', f.contacts], ['sent', f.sent], ['delivered', f.delivered], ['replied', f.replied], ['positive', f.positive]];
  const side: Array<[string, string, Segment['role']]> = [
    ['bounced', `${s.bounced} hard, ${s.softBounced} soft`, s.bounced ? 'warn' : undefined],
    ['auto-replies', String(s.autoReplies), undefined],
    ['opted out', String(s.optedOut), s.optedOut ? 'warn' : undefined],
    ['failed', String(s.failed), s.failed ? 'bad' : undefined],
    ['uncertain', String(s.uncertain), s.uncertain ? 'bad' : undefined],
  ];
  return rows.map(([name, n], i) => [
    t(fit(name, 10), 'label'), t(`${String(n).padStart(6)} `), t(fit(bar(n, f.contacts, barWidth), barWidth), 'good'), t(' '),
    t(fit(side[i]![0], 13), 'label'), t(side[i]![1], side[i]![2]),
  ]);
}

/**
 * Every line of one frame, a pure function of the snapshot and the terminal's size: the
 * essentials always, then more rows of next sends, groups and events as height allows.
 */
export function dashboardLines(snap: Snapshot, layout: Layout): Line[] {
  const { width, height } = layout;
  const c = snap.current;
  const idx = c ? snap.campaigns.indexOf(c.campaign) + 1 : 0;
  const head: Line = [
    t('outreach dashboard', 'title'),
    t(c ? ` · ${c.campaign}${snap.campaigns.length > 1 ? ` (${idx}/${snap.campaigns.length}, tab: next)` : ''}` : ''),
    t(`  ? help  q quit${c ? `  ${shortTime(c.generatedAt)}` : ''}`, 'dim'),
  ];
  if (layout.help) return [head, ...helpLines()].slice(0, height);
  if (!c) return [head, [t(snap.campaigns.length ? 'no such campaign' : 'no campaigns yet: outreach import data/contacts.csv --campaign <name>', 'dim')]];

  const lines: Line[] = [head, ...funnel(c, width)];
  lines.push([t('reply rate ', 'label'), t(rateText(c.rate), c.rate.rate === null ? 'dim' : 'good'), t(`  (${c.rate.replied} of ${c.rate.delivered} delivered)`, 'dim')]);
  lines.push([
    t('replies/day ', 'label'), t(sparkline(c.repliesPerDay), 'good'), t(` ${c.repliesPerDay.length} d  `, 'dim'),
    t('median 1st reply ', 'label'), t(duration(c.medianFirstReplyMs)), t('  today ', 'label'),
    t(`${c.today.sent}/${c.today.cap} sent`, c.today.sent >= c.today.cap ? 'warn' : undefined),
  ]);
  lines.push(inlineRates('by step:', c.byStep, width));

  const fixedBelow = 3; // queue line, "next due" and "latest" headings
  const tall = height >= 36;
  if (c.byVariant.length) {
    lines.push([t('variants ', 'label'), t(`reply rate by variant, each against ${c.byVariant[0]!.name} (Fisher's exact test)`, 'dim')]);
    const nameWidth = Math.max(8, ...c.byVariant.map((v) => v.name.length + 2));
    for (const v of c.byVariant) lines.push([...rateRow(v, nameWidth), t(`  ${v.verdict}`, v.p !== null && v.p < 0.05 ? 'good' : 'dim')]);
  }
  if (tall) {
    for (const [label, rows] of [['by topic', c.byTopic], ['by institution', c.byInstitution]] as const) {
      if (rows.length === 0) continue;
      lines.push([t(label, 'label')]);
      const nameWidth = Math.min(34, Math.max(10, ...rows.map((r) => r.name.length + 2)));
      for (const r of rows.slice(0, 6)) lines.push(rateRow(r, nameWidth));
    }
  } else {
    lines.push(inlineRates('by topic:', c.byTopic, width));
    lines.push(inlineRates('by institution:', c.byInstitution, width));
  }
  const q = c.queue;
  lines.push([t('queue ', 'label'), t(`waiting ${q.waiting}  delayed ${q.delayed}  active ${q.active}  `), t(`failed ${q.failed}`, q.failed ? 'bad' : undefined)]);

  // What is left goes to the next sends (up to a third) and the latest events.
  const room = Math.max(0, height - lines.length - fixedBelow + 1);
  const nextRows = Math.min(c.next.length, Math.max(1, Math.floor(room / 3)));
  lines.push([t('next due', 'label'), t(c.next.length ? '  (their local time)' : '  nothing queued', 'dim')]);
  for (const n of c.next.slice(0, nextRows))
    lines.push([t(`  ${shortTime(n.at)}  `), t(`${n.local} ${n.timezone}`.padEnd(30) + ' ', 'dim'), t(`${n.step === 0 ? 'first' : `follow-up ${n.step}`} → ${n.contact}`)]);
  lines.push([t('latest', 'label'), t(c.events.length ? '' : '  nothing yet', 'dim')]);
  const eventRows = Math.min(layout.maxEvents ?? Infinity, Math.max(0, height - lines.length));
  for (const e of c.events.slice(0, eventRows)) {
    const role: Segment['role'] = e.kind === 'reply' ? 'good' : e.kind === 'bounce' || e.kind === 'failed' || e.kind === 'uncertain' ? 'bad' : e.kind === 'soft_bounce' ? 'warn' : undefined;
    const what = e.kind === 'reply' ? (e.hint === 'opt_out' ? 'opt-out' : `reply${e.hint ? ` (${e.hint})` : ''}`) : (EVENT_WORDS[e.kind] ?? e.kind);
    lines.push([t(`  ${shortTime(e.at)}  `), t(fit(what, 18), role), t(`${e.step === 0 ? 'first' : `follow-up ${e.step}`}  ${e.contact}`)]);
  }
  return lines.slice(0, height);
}

/** The lines as plain text, each cut to the width. */
export function linesText(lines: Line[], width: number): string {
  return lines.map((l) => {
    const s = l.map((x) => x.text).join('');
    return (s.length > width ? `${s.slice(0, width - 1)}…` : s).trimEnd();
  }).join('\n');
}
