import { describe, expect, it } from 'vitest';
import { compile } from '../../src/render/handlebars-env.js';
import { withArticle } from '../../src/render/phrasing/definite-article.js';
import { joinList } from '../../src/render/phrasing/join-list.js';
import { sentence } from '../../src/render/phrasing/sentence.js';
import { journalName } from '../../src/render/phrasing/journal-name.js';
import { isRecent, yourPaper } from '../../src/render/phrasing/recency.js';
import { cleanTitle, quoteTitle } from '../../src/render/phrasing/title.js';
import { topicPhrase } from '../../src/render/phrasing/topic-phrase.js';

// Strings are copied from test/fixtures/pubmed (nbib_pubmed-balloongui-set.nbib, metapub_*.xml,
// biopython_pubmed*.xml, p1m_citations_1.nbib) unless the row says otherwise.
describe('cleanTitle / quoteTitle', () => {
  const cases: [why: string, raw: string, clean: string, quotedWithComma: string][] = [
    ['PubMed ends a title with a period; inside quotes it would clash with the sentence', 'Evolution of Stroke Thrombectomy Techniques to Optimize First-Pass Complete Reperfusion.', 'Evolution of Stroke Thrombectomy Techniques to Optimize First-Pass Complete Reperfusion', '"Evolution of Stroke Thrombectomy Techniques to Optimize First-Pass Complete Reperfusion,"'],
    ['a question mark belongs to the title and ends the quote; no comma after it', 'Is cryopreservation a homogeneous process? Ultrastructure and motility of untreated, prefreezing, and postthawed spermatozoa of Diplodus puntazzo (Cetti).', 'Is cryopreservation a homogeneous process? Ultrastructure and motility of untreated, prefreezing, and postthawed spermatozoa of Diplodus puntazzo (Cetti)', '"Is cryopreservation a homogeneous process? Ultrastructure and motility of untreated, prefreezing, and postthawed spermatozoa of Diplodus puntazzo (Cetti),"'],
    ['a title that is itself a question keeps its mark, and the sentence comma goes', 'Atrial cardiomyopathy: a useful notion in cardiac disease management or a passing fad?', 'Atrial cardiomyopathy: a useful notion in cardiac disease management or a passing fad?', '"Atrial cardiomyopathy: a useful notion in cardiac disease management or a passing fad?"'],
    ['NLM brackets a translated title; the brackets and period both go', '[Systemic lupus erythematosus presenting as a brainstem infarction and hemorrhage during treating retroperitoneal abscess: a case report].', 'Systemic lupus erythematosus presenting as a brainstem infarction and hemorrhage during treating retroperitoneal abscess: a case report', '"Systemic lupus erythematosus presenting as a brainstem infarction and hemorrhage during treating retroperitoneal abscess: a case report,"'],
    ['a colon subtitle stays', 'First Pass Effect in Patients Treated With the Trevo Stent-Retriever: A TRACK Registry Study Analysis.', 'First Pass Effect in Patients Treated With the Trevo Stent-Retriever: A TRACK Registry Study Analysis', '"First Pass Effect in Patients Treated With the Trevo Stent-Retriever: A TRACK Registry Study Analysis,"'],
    ['double quotes inside a title would end ours early (constructed)', 'The "double target" sign in hepatic abscess.', "The 'double target' sign in hepatic abscess", `"The 'double target' sign in hepatic abscess,"`],
    ['NLM\'s spaced colon', 'Further Development of Combined Techniques Using Stent Retrievers, Aspiration Catheters and BGC : The PROTECT(PLUS) Technique.', 'Further Development of Combined Techniques Using Stent Retrievers, Aspiration Catheters and BGC: The PROTECT(PLUS) Technique', '"Further Development of Combined Techniques Using Stent Retrievers, Aspiration Catheters and BGC: The PROTECT(PLUS) Technique,"'],
    ['an ellipsis is not a stray period (constructed)', 'Wait and see...', 'Wait and see...', '"Wait and see...,"'],
  ];
  it.each(cases)('%s', (_why, raw, clean, quoted) => {
    expect(cleanTitle(raw)).toBe(clean);
    expect(quoteTitle(raw, ',')).toBe(quoted);
  });
  it('quoteTitle with no punctuation after it only adds the quotes', () => {
    expect(quoteTitle('CMR-based cardiac phenotyping in different forms of heart failure.')).toBe('"CMR-based cardiac phenotyping in different forms of heart failure"');
  });
});

describe('journalName', () => {
  const cases: [why: string, full: string, abbrev: string, out: string][] = [
    ['NLM lower case is title-cased', 'Seminars in interventional radiology', 'Semin Intervent Radiol', 'Seminars in Interventional Radiology'],
    ['"Journal of ..." takes "the"', 'Journal of neurointerventional surgery', 'J Neurointerv Surg', 'the Journal of Neurointerventional Surgery'],
    ['"ACRONYM. Full name": radiologists say the acronym', 'AJNR. American journal of neuroradiology', 'AJNR Am J Neuroradiol', 'AJNR'],
    ['AJR, the best-known case', 'AJR. American journal of roentgenology', 'AJR Am J Roentgenol', 'AJR'],
    ['the leading "The" is kept, lower case mid-sentence', 'The international journal of cardiovascular imaging', 'Int J Cardiovasc Imaging', 'the International Journal of Cardiovascular Imaging'],
    ['the place/edition qualifier goes', 'Journal of magnetic resonance (San Diego, Calif. : 1997)', 'J Magn Reson', 'the Journal of Magnetic Resonance'],
    ['a place qualifier on a one-word title', 'Bioinformatics (Oxford, England)', 'Bioinformatics', 'Bioinformatics'],
    ['the subtitle after " : " goes', 'Journal of clinical neuroscience : official journal of the Neurosurgical Society of Australasia', 'J Clin Neurosci', 'the Journal of Clinical Neuroscience'],
    ['NLM\'s ". " between title parts is a colon', 'Environmental science. Processes & impacts', 'Environ Sci Process Impacts', 'Environmental Science: Processes & Impacts'],
    ['"Frontiers in ..." takes no article', 'Frontiers in neurology', 'Front Neurol', 'Frontiers in Neurology'],
    ['one word stays one word', 'Radiology', 'Radiology', 'Radiology'],
    ['a capital inside a word is kept (MethodsX)', 'MethodsX', 'MethodsX', 'MethodsX'],
    ['a long full name gives way to the abbreviation', 'Proceedings of the National Academy of Sciences of the United States of America', 'Proc Natl Acad Sci U S A', 'Proc Natl Acad Sci U S A'],
    ['a long full name without an abbreviation is still title-cased', 'Proceedings of the National Academy of Sciences of the United States of America', '', 'the Proceedings of the National Academy of Sciences of the United States of America'],
    ['only the abbreviation known', '', 'Radiology', 'Radiology'],
    ['already title-cased names are left alone', 'Journal of Eating Disorders', '', 'the Journal of Eating Disorders'],
  ];
  it.each(cases)('%s', (_why, full, abbrev, out) => expect(journalName(full, abbrev)).toBe(out));
});

describe('withArticle', () => {
  const cases: [why: string, name: string, out: string][] = [
    ['starts with "University of"', 'University of Calgary', 'the University of Calgary'],
    ['a descriptive adjective first', 'German Centre of Cardiovascular Research (DZHK)', 'the German Centre of Cardiovascular Research (DZHK)'],
    ['a proper name first', 'Stanford University', 'Stanford University'],
    ['a proper name first', 'Mayo Clinic', 'Mayo Clinic'],
    ['a proper name first, though it has "School of"', 'Emory University School of Medicine', 'Emory University School of Medicine'],
    ['"Hospital of the University ..."', 'Hospital of the University of Pennsylvania', 'the Hospital of the University of Pennsylvania'],
    ['"University at Buffalo" (its own usage)', 'University at Buffalo', 'the University at Buffalo'],
    ['"National ..."', 'National Cancer Institute', 'the National Cancer Institute'],
    ['an affiliation that already has "The"', 'The University of New South Wales', 'the University of New South Wales'],
    ['"University Medical Center Göttingen"', 'University Medical Center Göttingen', 'the University Medical Center Göttingen'],
    ['a hyphenated proper name', 'Dana-Farber Cancer Institute', 'Dana-Farber Cancer Institute'],
    ['a possessive proper name', "Brigham and Women's Hospital", "Brigham and Women's Hospital"],
    ['an untranslated noun', 'Università degli Studi della Tuscia', 'the Università degli Studi della Tuscia'],
    ['"New York University" is a proper name', 'New York University', 'New York University'],
    ['"Campus ... of the ..."', 'Campus Kerckhoff of the Justus-Liebig-Universität Gießen', 'the Campus Kerckhoff of the Justus-Liebig-Universität Gießen'],
  ];
  it.each(cases)('%s: %s', (_why, name, out) => expect(withArticle(name)).toBe(out));
});

describe('topicPhrase', () => {
  const cases: [why: string, topic: string, phrase: string, out: string][] = [
    ['the README example: MRI already says imaging', 'breast MRI', 'imaging research', 'breast MRI research'],
    ['the topic ends with the phrase\'s first word', 'cardiac imaging', 'imaging research', 'cardiac imaging research'],
    ['a plain topic', 'stroke', 'imaging research', 'stroke imaging research'],
    ['"radiology radiology"', 'interventional radiology', 'radiology research', 'interventional radiology research'],
    ['neuroradiology says radiology', 'neuroradiology', 'radiology research', 'neuroradiology research'],
    ['CT says imaging', 'lung cancer CT', 'imaging research', 'lung cancer CT research'],
    ['the topic\'s last word is the phrase\'s head noun', 'cancer research', 'imaging research', 'cancer imaging research'],
    ['radiology is imaging', 'musculoskeletal radiology', 'imaging research', 'musculoskeletal radiology research'],
    ['case does not matter', 'Cardiac Imaging', 'imaging research', 'Cardiac Imaging research'],
  ];
  it.each(cases)('%s', (_why, topic, phrase, out) => expect(topicPhrase(topic, phrase)).toBe(out));
});

describe('recency', () => {
  const now = new Date('2026-11-28T12:00:00Z');
  const cases: [why: string, year: string, recent: boolean][] = [
    ['this year', '2026', true],
    ['two years back is still recent', '2024', true],
    ['three years back is not', '2023', false],
    ['a 2013 paper', '2013', false],
    ['no year: never "recent"', '', false],
  ];
  it.each(cases)('%s (%s)', (_why, year, recent) => {
    expect(isRecent(year, now)).toBe(recent);
    expect(yourPaper(year, now)).toBe(recent ? 'your recent paper' : 'your paper');
  });
});

describe('sentence', () => {
  const cases: [why: string, raw: string, out: string][] = [
    ['a profile value written without a period (the starter profile\'s usmle)', 'I have passed USMLE Step 1 and Step 2 CK and am ECFMG certified', 'I have passed USMLE Step 1 and Step 2 CK and am ECFMG certified.'],
    ['one already ending with a period keeps one', 'I am ECFMG certified.', 'I am ECFMG certified.'],
    ['a question keeps its mark', 'Would you be open to a call?', 'Would you be open to a call?'],
    ['lower case first letter', 'passed USMLE Step 1', 'Passed USMLE Step 1.'],
    ['empty stays empty', '  ', ''],
  ];
  it.each(cases)('%s', (_why, raw, out) => expect(sentence(raw)).toBe(out));
});

describe('joinList', () => {
  const cases: [why: string, items: unknown[], out: string][] = [
    ['one item', ['chart review'], 'chart review'],
    ['two items: no comma', ['chart review', 'data entry'], 'chart review and data entry'],
    ['three items: serial comma (AMA style)', ['chart review', 'data entry', 'literature searches'], 'chart review, data entry, and literature searches'],
    ['empty items are dropped', ['chart review', '', 'data entry'], 'chart review and data entry'],
    ['a CSV cell with ";"', ['REDCap; R; Python'], 'REDCap, R, and Python'],
    ['an array from the profile', [['REDCap', 'R']], 'REDCap and R'],
  ];
  it.each(cases)('%s', (_why, items, out) => expect(joinList(items)).toBe(out));
});

describe('the helpers inside a template', () => {
  const render = (src: string, ctx: object, now = new Date('2026-11-28T12:00:00Z')) =>
    compile(src)(ctx, { data: { parts: {}, now } });
  const row = {
    recent_paper_title: 'Evolution of Stroke Thrombectomy Techniques to Optimize First-Pass Complete Reperfusion.',
    recent_paper_journal: 'Seminars in interventional radiology',
    recent_paper_journal_abbrev: '',
    recent_paper_year: '2020',
    institution: 'University of Calgary',
    topic: 'stroke imaging',
  };
  it('writes the interest sentence without a tell', () => {
    const out = render('I read {{your_paper recent_paper_year}}, {{quoted recent_paper_title}}, in {{journal recent_paper_journal recent_paper_journal_abbrev}} ({{recent_paper_year}}). Your {{topic_phrase topic "imaging research"}} at {{the institution}} is why I am writing.', row);
    expect(out).toBe('I read your paper, "Evolution of Stroke Thrombectomy Techniques to Optimize First-Pass Complete Reperfusion", in Seminars in Interventional Radiology (2020). Your stroke imaging research at the University of Calgary is why I am writing.');
  });
  it('is_recent follows the clock the render was given', () => {
    const src = '{{#if (is_recent recent_paper_year)}}recent{{else}}older{{/if}}';
    expect(render(src, row, new Date('2022-01-01T00:00:00Z'))).toBe('recent');
    expect(render(src, row)).toBe('older');
  });
  it('a field the row lacks, given to a helper, is the strict-mode error that names it (lint reports it)', () => {
    expect(() => render('at {{the institution}}', {})).toThrow(/^"institution" not defined in the/);
    expect(() => render('{{topic_phrase topic "imaging research"}}', {})).toThrow(/^"topic" not defined/);
  });
  it('list takes several fields', () => {
    expect(render('{{list a b c}}', { a: 'CT', b: 'MRI', c: 'ultrasound' })).toBe('CT, MRI, and ultrasound');
  });
});
