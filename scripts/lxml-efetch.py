"""Reference for `npm run bench`: reads the same fields as discover from an efetch XML file
with lxml's iterparse (libxml2, C), clearing each article once read. Prints {articles, s, peak_mb}."""
import json
import resource
import sys
import time

from lxml import etree

t0 = time.perf_counter()
articles = 0
authors = 0
for _, art in etree.iterparse(sys.argv[1], events=("end",), tag="PubmedArticle"):
    pmid = art.findtext("MedlineCitation/PMID")
    body = art.find("MedlineCitation/Article")
    title = "".join(body.find("ArticleTitle").itertext()) if body is not None else ""
    journal = body.findtext("Journal/Title") if body is not None else ""
    year = body.findtext("Journal/JournalIssue/PubDate/Year") if body is not None else None
    for au in body.iterfind("AuthorList/Author") if body is not None else ():
        last = au.findtext("LastName")
        fore = au.findtext("ForeName")
        affs = [a.text for a in au.iterfind("AffiliationInfo/Affiliation")]
        authors += 1
    articles += 1
    art.clear()
    while art.getprevious() is not None:
        del art.getparent()[0]
s = time.perf_counter() - t0
print(json.dumps({"articles": articles, "authors": authors, "s": s, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
