import { join } from 'node:path';
import { type PubmedRecord, readMedlineRecords, readXmlRecords } from './pubmed-records.js';

const FIX = join(import.meta.dirname, '../../fixtures/pubmed');

/**
 * The record set the look-up tests search: the 75 stroke-intervention records of the balloon
 * guide catheter export, the 92 orthopaedic records of the pair set, the single-record efetch
 * fixtures, except three that are replaced by copies with one author renamed to a candidate's
 * name (lookup/namesake-*.xml: namesakes; see test/fixtures/pubmed/PROVENANCE.md).
 */
export function lookupRecords(): PubmedRecord[] {
  const efetch = ['biopython_pubmed2.xml', 'biopython_pubmed4.xml', 'biopython_pubmed7.xml', 'metapub_32976730.xml', 'metapub_37787043.xml', 'pubmedparser_pubmed-29768149.xml'];
  return [
    ...readMedlineRecords(join(FIX, 'medline/nbib_pubmed-balloongui-set.nbib')),
    ...readXmlRecords(join(FIX, 'pair/p1m_pubmed_result_92.xml')),
    ...efetch.flatMap((f) => readXmlRecords(join(FIX, 'efetch', f))),
    ...['namesake-goyal-38909159.xml', 'namesake-ribo-38878148.xml', 'namesake-haussen-35195805.xml'].flatMap((f) => readXmlRecords(join(FIX, 'lookup', f))),
  ];
}
