import type { Article } from './article.js';
import { institutionKey, isImagingAffiliation, namedInstitution } from './affiliation.js';
import { type Place, placeOf } from './place.js';

export interface InstitutionRank {
  institution: string;
  country: string;
  state: string;
  articles: number;
  authors: number;
  latestYear: number | undefined;
}

interface Row {
  spellings: Map<string, number>;
  place: Place | undefined;
  articles: number;
  people: Set<string>;
  latestYear: number | undefined;
}

/**
 * Ranks institutions with radiology or imaging authors by how many articles list them
 * (`outreach discover institutions`). Spellings of one institution are merged under
 * `institutionKey`; affiliations that name no institution ("Department of Radiology") are
 * not counted; with `country`, only institutions placed there (undeterminable ones left out).
 */
export class InstitutionTally {
  private readonly rows = new Map<string, Row>();

  /** `country`: an ISO code, or 'any' for every institution. */
  constructor(private readonly country: string = 'US') {}

  add(article: Article): void {
    const seen = new Set<string>();
    for (const a of article.authors) {
      for (const aff of a.affiliations) {
        if (!isImagingAffiliation(aff)) continue;
        const name = namedInstitution(aff);
        if (!name) continue;
        const key = institutionKey(name);
        let r = this.rows.get(key);
        if (!r) {
          r = { spellings: new Map(), place: undefined, articles: 0, people: new Set(), latestYear: undefined };
          this.rows.set(key, r);
        }
        // Placed by its first affiliation that tells; a U.S. place without a state waits for one with it.
        if (!r.place || (r.place.country === 'US' && !r.place.state)) {
          const p = placeOf(aff, name);
          if (p && (!r.place || (p.country === 'US' && p.state))) r.place = p;
        }
        r.spellings.set(name, (r.spellings.get(name) ?? 0) + 1);
        r.people.add(`${a.lastName}|${a.initials}`);
        if (!seen.has(key)) {
          seen.add(key);
          r.articles++;
          if (article.year !== undefined && (r.latestYear ?? 0) < article.year) r.latestYear = article.year;
        }
      }
    }
  }

  ranked(): InstitutionRank[] {
    const out: InstitutionRank[] = [];
    for (const r of this.rows.values()) {
      if (this.country !== 'any' && r.place?.country !== this.country) continue;
      // The spelling used most often names the institution; on a tie, one without a leading "The" or abbreviations, then the fuller one.
      const plain = (n: string): number => Number(/^the /i.test(n)) + Number(n.includes('.'));
      const [institution] = [...r.spellings].sort((x, y) => y[1] - x[1] || plain(x[0]) - plain(y[0]) || y[0].length - x[0].length)[0]!;
      out.push({ institution, country: r.place?.country ?? '', state: r.place?.state ?? '', articles: r.articles, authors: r.people.size, latestYear: r.latestYear });
    }
    return out.sort((a, b) => b.articles - a.articles || b.authors - a.authors || a.institution.localeCompare(b.institution));
  }
}
