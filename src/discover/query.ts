/** What `discover` was asked for; becomes a PubMed query (https://pubmed.ncbi.nlm.nih.gov/help/#search-tags). */
export interface QueryInput {
  institution?: string | undefined;
  topic?: string | undefined;
  since?: number | undefined;
  /** A raw PubMed query, used as it is instead of institution + topic. */
  query?: string | undefined;
}

const clean = (s: string): string => s.replace(/["\[\]]/g, ' ').replace(/\s+/g, ' ').trim();

/** institution[Affiliation] AND (radiology OR imaging)[Affiliation] AND topic, plus a date range. */
export function buildQuery(q: QueryInput): string {
  const parts: string[] = [];
  if (q.query && q.query.trim()) parts.push(`(${q.query.trim()})`);
  else {
    if (q.institution) parts.push(`"${clean(q.institution)}"[Affiliation]`);
    parts.push('(radiology[Affiliation] OR imaging[Affiliation])');
    if (q.topic) parts.push(`(${clean(q.topic)})`);
  }
  if (q.since !== undefined) parts.push(`("${q.since}/01/01"[Date - Publication] : "3000"[Date - Publication])`);
  return parts.join(' AND ');
}
