import type { Article } from './article.js';
import { isImagingAffiliation, institutionOf, mentions } from './affiliation.js';
import { type Candidate, type ScoreParts, betterForeName, positionOf } from './candidate.js';
import { letters } from './emails.js';

export interface RankOptions {
  /** Only authors with an affiliation mentioning this are candidates (all authors without it). */
  institution?: string | undefined;
  topic?: string | undefined;
  /** Papers before this year are outside the window and ignored. */
  since?: number | undefined;
  now?: number;
}

/**
 * Collects candidates from a stream of articles, merging one person across papers:
 * by ORCID when known, else by last name + first initial + institution. Adding an article
 * costs time linear in its authors, however many papers a candidate already has.
 */
export class CandidatePool {
  private readonly byKey = new Map<string, Candidate>();
  private readonly nameIndex = new Map<string, Candidate>();
  /** Per candidate: the PMIDs merged so far and the newest year among them. */
  private readonly seen = new Map<Candidate, { pmids: Set<string>; latest: number }>();
  /** letters() of each institution met: few distinct ones, met once an author. */
  private readonly instKeys = new Map<string, string>();
  /**
   * One copy of each affiliation text kept: co-authors and later papers repeat the same
   * strings, which the reader gives as separate copies.
   */
  private readonly texts = new Map<string, string>();
  /** The institution read from each affiliation text met. */
  private readonly institutions = new Map<string, string>();

  constructor(private readonly opts: RankOptions = {}) {}

  add(article: Article): void {
    if (this.opts.since !== undefined && (article.year ?? 0) < this.opts.since) return;
    const n = article.authors.length;
    let names: string[] | undefined;
    article.authors.forEach((a, i) => {
      if (this.opts.institution && !a.affiliations.some((x) => mentions(x, this.opts.institution!))) return;
      const aff = (this.opts.institution && a.affiliations.find((x) => mentions(x, this.opts.institution!))) || a.affiliations[0] || '';
      // Co-authors and later papers repeat affiliation texts: each distinct one is read once.
      let inst = this.institutions.get(aff);
      if (inst === undefined) this.institutions.set(aff, (inst = institutionOf(aff, this.opts.institution)));
      let instKey = this.instKeys.get(inst);
      if (instKey === undefined) this.instKeys.set(inst, (instKey = letters(inst)));
      const nameKey = `name:${letters(a.lastName)}|${letters(a.foreName || a.initials).slice(0, 1)}|${instKey}`;
      let c = (a.orcid && this.byKey.get(`orcid:${a.orcid}`)) || this.nameIndex.get(nameKey);
      if (c && a.orcid && c.orcid && c.orcid !== a.orcid) c = undefined; // same name, different person
      if (!c) {
        c = { key: a.orcid ? `orcid:${a.orcid}` : nameKey, lastName: a.lastName, foreName: a.foreName, orcid: a.orcid, emails: [], institution: inst, affiliation: aff, papers: [], parts: zero(), score: 0 };
        this.byKey.set(c.key, c);
      }
      this.nameIndex.set(nameKey, c);
      if (a.orcid) this.byKey.set(`orcid:${a.orcid}`, c);
      c.orcid ??= a.orcid;
      if (c.foreName !== a.foreName) c.foreName = betterForeName(c.foreName, a.foreName);
      let seen = this.seen.get(c);
      if (!seen) this.seen.set(c, (seen = { pmids: new Set(), latest: -Infinity }));
      if (seen.pmids.has(article.pmid)) return;
      seen.pmids.add(article.pmid);
      const { pmid, title, journal, year } = article;
      const affiliations = a.affiliations.map((x) => {
        const kept = this.texts.get(x);
        if (kept !== undefined) return kept;
        this.texts.set(x, x);
        return x;
      });
      // One list of the paper's authors, shared by all of them (the look-up drops the person's own name).
      names ??= article.authors.map((x) => `${x.lastName} ${x.initials || x.foreName}`);
      c.papers.push({ article: { pmid, title, journal, year }, position: positionOf(i, n), affiliations, emails: a.emails, coauthors: names });
      for (const e of a.emails) if (!c.emails.some((x) => x.toLowerCase() === e.toLowerCase())) c.emails.unshift(e);
      seen.latest = Math.max(seen.latest, year ?? 0);
      if (inst && (year ?? 0) >= seen.latest) {
        c.institution = inst;
        c.affiliation = aff;
      }
    });
  }

  /** Candidates scored and sorted best first. */
  ranked(): Candidate[] {
    const all = [...new Set(this.byKey.values())];
    for (const c of all) {
      c.parts = scoreParts(c, this.opts);
      c.score = round(Object.values(c.parts).reduce((s, v) => s + v, 0));
    }
    return all.sort((a, b) => b.score - a.score || a.lastName.localeCompare(b.lastName));
  }
}

const zero = (): ScoreParts => ({ papers: 0, senior: 0, first: 0, recency: 0, topic: 0, imaging: 0 });
const round = (x: number): number => Math.round(x * 100) / 100;

/**
 * One point a paper; senior (last or sole) authorship 1.5 more, first 0.5 more; up to 0.5 for
 * recency (fading over ten years); 1 a paper whose title matches the topic; 2 once for a
 * radiology or imaging affiliation.
 */
export function scoreParts(c: Candidate, opts: RankOptions): ScoreParts {
  const thisYear = opts.now ?? new Date().getUTCFullYear();
  const words = (opts.topic ?? '').toLowerCase().split(/\W+/).filter((w) => w.length >= 3);
  const p = zero();
  for (const paper of c.papers) {
    p.papers += 1;
    if (paper.position === 'last' || paper.position === 'sole') p.senior += 1.5;
    if (paper.position === 'first') p.first += 0.5;
    const age = thisYear - (paper.article.year ?? thisYear - 10);
    p.recency += 0.5 * Math.max(0, 1 - age / 10);
    if (words.length > 0) {
      const t = paper.article.title.toLowerCase();
      if (words.every((w) => t.includes(w))) p.topic += 1;
    }
  }
  if (c.papers.some((x) => x.affiliations.some(isImagingAffiliation))) p.imaging = 2;
  for (const k of Object.keys(p) as (keyof ScoreParts)[]) p[k] = round(p[k]);
  return p;
}
