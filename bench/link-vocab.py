"""Writes a linking vocabulary TSV (id, name, synonyms, vocabulary, class) from the concept ids of PubTator
annotations: what a site that annotated those documents would have. For each (label, mention text) the most
frequent single MeSH id wins; a concept's name is its most frequent mention, the others are synonyms.
Composite ("D1|D2") and "-1" mentions are skipped. Usage: link-vocab.py OUT.tsv PUBTATOR...
"""
import collections, sys

CLASS = {"Chemical": "Drug", "Disease": "Condition"}
texts = collections.defaultdict(collections.Counter)   # (label, lower text) -> Counter(id)
surface = collections.defaultdict(collections.Counter)  # id -> Counter(text)
classes = {}
for path in sys.argv[2:]:
    for line in open(path, encoding="utf-8"):
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 6 or cols[1] == "CID":
            continue
        text, label, cid = cols[3], cols[4], cols[5]
        if label not in CLASS or cid in ("", "-1") or "|" in cid:
            continue
        texts[(label, text.lower())][cid] += 1
        surface[cid][text] += 1
        classes.setdefault(cid, CLASS[label])
keep = collections.defaultdict(set)
for (label, low), ids in texts.items():
    best = sorted(ids.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    keep[best].add(low)
with open(sys.argv[1], "w", encoding="utf-8") as out:
    out.write("id\tname\tsynonyms\tvocabulary\tclass\n")
    for cid in sorted(keep):
        names = [t for t, _ in sorted(surface[cid].items(), key=lambda kv: (-kv[1], kv[0])) if t.lower() in keep[cid]]
        seen, uniq = set(), []
        for n in names:
            if n.lower() not in seen:
                seen.add(n.lower()); uniq.append(n)
        out.write(f"{cid}\t{uniq[0]}\t{'|'.join(uniq[1:])}\tMeSH\t{classes[cid]}\n")
