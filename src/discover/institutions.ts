import type { Article } from './article.js';
import { departmentKey, isImagingAffiliation } from './affiliation.js';

export interface DepartmentRank {
  department: string;
  articles: number;
  authors: number;
  latestYear: number | undefined;
}

/**
 * Ranks radiology/imaging departments by how many recent articles list them
 * (`outreach discover institutions`): each department counts once an article.
 */
export class DepartmentTally {
  private readonly rows = new Map<string, DepartmentRank & { people: Set<string> }>();

  add(article: Article): void {
    const seen = new Set<string>();
    for (const a of article.authors) {
      for (const aff of a.affiliations) {
        if (!isImagingAffiliation(aff)) continue;
        const { key, label } = departmentKey(aff);
        if (!key) continue;
        const r = this.rows.get(key) ?? { department: label, articles: 0, authors: 0, latestYear: undefined, people: new Set<string>() };
        this.rows.set(key, r);
        r.people.add(`${a.lastName}|${a.initials}`);
        if (!seen.has(key)) {
          seen.add(key);
          r.articles++;
          if (article.year !== undefined && (r.latestYear ?? 0) < article.year) r.latestYear = article.year;
        }
      }
    }
  }

  ranked(): DepartmentRank[] {
    return [...this.rows.values()]
      .map(({ people, ...r }) => ({ ...r, authors: people.size }))
      .sort((a, b) => b.articles - a.articles || b.authors - a.authors || a.department.localeCompare(b.department));
  }
}
