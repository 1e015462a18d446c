import { UserError } from '../errors/user-error.js';

export interface EsearchResult {
  count: number;
  retStart: number;
  ids: string[];
  webEnv?: string;
  queryKey?: string;
  /** Phrases PubMed did not find (ErrorList/PhraseNotFound): the query may be misspelt. */
  notFound: string[];
}

const tag = (xml: string, name: string): string | undefined => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];

/** Reads an esearch response (eSearchResult, a small document: regexes are enough). */
export function parseEsearch(xml: string): EsearchResult {
  const error = /<ERROR>([^<]*)<\/ERROR>/.exec(xml)?.[1];
  const count = tag(xml, 'Count');
  if (error || count === undefined) {
    throw new UserError(`esearch failed: ${error ?? 'no <Count> in the answer'}`, {
      where: 'NCBI E-utilities esearch',
      hint: 'check the query syntax on https://pubmed.ncbi.nlm.nih.gov/advanced/',
    });
  }
  const idList = /<IdList>([\s\S]*?)<\/IdList>/.exec(xml)?.[1] ?? '';
  const webEnv = tag(xml, 'WebEnv');
  const queryKey = tag(xml, 'QueryKey');
  return {
    count: Number(count),
    retStart: Number(tag(xml, 'RetStart') ?? 0),
    ids: [...idList.matchAll(/<Id>(\d+)<\/Id>/g)].map((m) => m[1]!),
    ...(webEnv ? { webEnv } : {}),
    ...(queryKey ? { queryKey } : {}),
    notFound: [...xml.matchAll(/<PhraseNotFound>([^<]*)<\/PhraseNotFound>/g)].map((m) => m[1]!),
  };
}
