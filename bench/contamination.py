#!/usr/bin/env python3
"""Contamination check (issue 16): is any text in data/ copied or paraphrased from the corpora in ../shared/data?

  python3 bench/contamination.py [--data DIR] [--shared DIR] [--show]      exit status 1 when something is found
  python3 bench/contamination.py --data models                             the model packages (zip files) as well

data/ must be written by the team: a generated-only score means nothing if the generator's templates, samples
or styles repeat evaluation text, and real-note text must never sit in data/ or models/. This compares the
words of every text unit in data/ with every document of ../shared/data.

  units    one template's text (data/templates/*.jsonl), one line of a sample note or prompt (*.txt, *.md),
           one string of a JSON file (styles, rules, compose, schemas), one surface of a lexicon (*.tsv);
           in a model package (*.zip, nested zips too) its JSON entries and the printable runs of its binaries.
           Slots such as {Disease:1} break a unit into runs: no n-gram spans a slot.
  corpora  every text file under ../shared/data: CSV files (MTSamples, PMC-Patients, synthetic notes) one row
           a document, BC5CDR PubTator one title or abstract a document, everything else (ADE-Corpus-V2, the
           NegEx kit, ChemProt, DDI, GAD, EU-ADR) one line a document. SOURCE.md/README/LICENSE files are skipped.
  words    lower-cased runs of letters and digits.
  not compared: section header aliases (data/rules/sections.json "aliases": names of the headers real notes
           use, which the section recognizer must match), corpus descriptions (SOURCE.md, README, LICENSE).

Two findings, both make the exit status 1:
  copied   a unit shares a run of 8 words with a corpus document, and that run is in fewer than STOCK (5)
           corpus documents. Runs found in STOCK or more documents ("prepped and draped in the usual sterile
           fashion", "to our knowledge this is the first report of") are the stock phrases of the genre, common to
           many documents and taken from none; they are counted, not flagged. Lexicon surfaces of fewer than 8
           words are names, not copied text, and are not compared.
  derived  a unit (not a lexicon surface) shares 3 or more rare word 3-grams (each in at most RARE (2) corpus
           documents) with one single document: wording reordered or paraphrased from that document keeps such
           fingerprints ("after appropriate cross match" and its neighbours) while it loses 8-word runs.
Only locations are printed (data file and line, unit id, corpus file and document, counts), never corpus text;
--show adds the data-side words that match (text of data/ itself, the thing to reword).
"""
import argparse
import csv
import io
import json
import os
import re
import sys
import zipfile
from collections import defaultdict

WORD = re.compile(r"[a-z0-9]+")
SLOT = re.compile(r"\{[^{}]*\}")
N = 8        # copied: length of a shared run of words
STOCK = 5    # a run in this many corpus documents or more is a stock phrase
K = 3        # derived: n of the fingerprint n-grams
RARE = 2     # a fingerprint n-gram is in at most this many corpus documents
MIN_SHARED = 3  # derived: this many rare n-grams shared with one document


def words(text):
    return WORD.findall(text.lower())


def ngrams(tokens, n):
    return [" ".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1)]


class Unit:
    def __init__(self, where, uid, runs, name=False):
        # runs: word lists that no n-gram crosses (split at slots); name: a lexicon surface
        self.where, self.uid, self.runs, self.name = where, uid, runs, name

    def grams(self, n):
        return {g for r in self.runs for g in ngrams(r, n)}


def runs_of(text):
    return [w for w in (words(part) for part in SLOT.split(text)) if w]


def strings_of(value, key=None):
    """(key, string) for every string of a JSON value; key is the name of the member that holds it."""
    if isinstance(value, str):
        yield key, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from strings_of(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from strings_of(v, key)


def units_of_file(rel, name, text, units):
    """The units of one file of data/ (or of a model package), by its kind."""
    if name.endswith(".jsonl"):
        for i, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                t = json.loads(line)
                units.append(Unit(f"{rel}:{i}", t.get("id", ""), runs_of(t.get("text", ""))))
    elif name.endswith(".tsv"):
        for i, line in enumerate(text.splitlines(), start=1):
            cols = line.split("\t")
            for s in [cols[0]] + (cols[1].split("|") if len(cols) > 1 else []):
                if len(s.split()) >= N:  # shorter surfaces are names
                    units.append(Unit(f"{rel}:{i}", cols[0], [words(s)], name=True))
    elif name.endswith(".json"):
        for j, (key, s) in enumerate(strings_of(json.loads(text)), start=1):
            if key == "aliases":
                continue  # section header names (data/rules/sections.json): a header is a label, not note text
            # A model package stores lexicons as JSON: short strings there are names as well.
            units.append(Unit(rel, f"string {j}", runs_of(s), name=len(s.split()) < N))
    else:
        for i, line in enumerate(text.splitlines(), start=1):
            units.append(Unit(f"{rel}:{i}", "", runs_of(line)))


def zip_units(data, blob, prefix, units):
    """A model package: its JSON entries, and the printable runs of its binary entries (an ML.NET model
    stores hashed features, but any text it kept, such as slot or column names, is compared too)."""
    with zipfile.ZipFile(io.BytesIO(blob)) as z:
        for info in sorted(z.infolist(), key=lambda i: i.filename):
            body = z.read(info)
            rel = f"{prefix}!{info.filename}"
            if body[:4] == b"PK\x03\x04":
                zip_units(data, body, rel, units)
            elif info.filename.endswith((".json", ".jsonl", ".tsv", ".txt")):
                units_of_file(rel, info.filename, body.decode("utf-8"), units)
            else:
                text = "\n".join(m.decode("ascii") for m in re.findall(rb"[ -~]{20,}", body))
                units_of_file(rel, info.filename + ".bin", text, units)


def data_units(data):
    units = []
    if os.path.isfile(data) and data.endswith(".zip"):
        with open(data, "rb") as f:
            zip_units(data, f.read(), os.path.basename(data), units)
        return [u for u in units if u.runs]
    for root, dirs, files in os.walk(data):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            rel = os.path.relpath(path, os.path.dirname(os.path.abspath(data)))
            if name.endswith(".zip"):
                with open(path, "rb") as f:
                    zip_units(data, f.read(), rel, units)
                continue
            with open(path, encoding="utf-8") as f:
                units_of_file(rel, name, f.read(), units)
    return [u for u in units if u.runs]


def corpus_docs(shared):
    csv.field_size_limit(1 << 24)
    for root, dirs, files in os.walk(shared):
        dirs.sort()
        for name in sorted(files):
            if name in ("SOURCE.md", "README.md") or name.startswith("LICENSE"):
                continue  # descriptions of the corpora, not corpus text
            path = os.path.join(root, name)
            rel = os.path.relpath(path, shared)
            with open(path, encoding="utf-8", errors="replace", newline="") as f:
                if name.endswith(".csv"):
                    reader = csv.reader(f)
                    next(reader, None)
                    for i, row in enumerate(reader, start=1):
                        yield f"{rel} row {i}", " ".join(row)
                elif "pubtator" in rel.lower():
                    for line in f:
                        m = re.match(r"^(\d+)\|[ta]\|(.*)$", line)
                        if m:
                            yield f"{rel} PMID {m.group(1)}", m.group(2)
                else:
                    for i, line in enumerate(f, start=1):
                        yield f"{rel} line {i}", line


def find_shared():
    d = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    while d != "/" and not os.path.isdir(os.path.join(d, "shared", "data")):
        d = os.path.dirname(d)
    return os.path.join(d, "shared", "data")


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=os.path.join(root, "data"))
    ap.add_argument("--shared", default=None)
    ap.add_argument("--show", action="store_true", help="print the data-side words that match")
    a = ap.parse_args()
    shared = a.shared or find_shared()
    if not os.path.isdir(shared):
        sys.exit(f"shared corpora not found at {shared} (use --shared)")

    units = data_units(a.data)
    long_index, short_index = defaultdict(list), defaultdict(list)  # n-gram -> unit indexes
    for k, u in enumerate(units):
        for g in u.grams(N):
            long_index[g].append(k)
        if not u.name:
            for g in u.grams(K):
                short_index[g].append(k)

    # One pass over the corpora: for every n-gram of data/, the documents that hold it (a few are enough
    # to know whether it is rare; the count is kept in full).
    long_docs, short_docs = defaultdict(list), defaultdict(list)
    long_df, short_df = defaultdict(int), defaultdict(int)
    ndocs = 0
    for doc, text in corpus_docs(shared):
        ndocs += 1
        tokens = words(text)
        for g in set(ngrams(tokens, N)):
            if g in long_index:
                long_df[g] += 1
                if len(long_docs[g]) < STOCK:
                    long_docs[g].append(doc)
        for g in set(ngrams(tokens, K)):
            if g in short_index:
                short_df[g] += 1
                if len(short_docs[g]) <= RARE:
                    short_docs[g].append(doc)

    copied = defaultdict(list)  # unit -> [(8-gram, documents)]
    stock = defaultdict(int)    # stock phrase -> corpus documents
    for g, df in long_df.items():
        if df >= STOCK:
            stock[g] = df
            continue
        for k in long_index[g]:
            copied[k].append((g, long_docs[g]))
    shared_rare = defaultdict(lambda: defaultdict(list))  # unit -> document -> rare 3-grams
    for g, df in short_df.items():
        if df <= RARE:
            for k in short_index[g]:
                for doc in short_docs[g]:
                    shared_rare[k][doc].append(g)
    derived = {}
    for k, by_doc in shared_rare.items():
        doc, gs = max(by_doc.items(), key=lambda kv: (len(kv[1]), kv[0]))
        if len(gs) >= MIN_SHARED:
            derived[k] = (doc, sorted(gs))

    print(f"{len(units)} text units in {a.data}; {ndocs} corpus documents in {shared}")
    print(f"stock phrases (8-word runs in {STOCK}+ corpus documents, allowed): {len(stock)}")
    if a.show:
        for g in sorted(stock):
            print(f"      {g} ({stock[g]} documents)")
    print(f"copied: units sharing an 8-word run found in fewer than {STOCK} corpus documents: {len(copied)}")
    for k in sorted(copied, key=lambda k: units[k].where):
        u, hits = units[k], copied[k]
        docs = sorted({d for _, ds in hits for d in ds})
        print(f"  {u.where} {u.uid}: {len(hits)} runs, in {', '.join(docs[:3])}{' ...' if len(docs) > 3 else ''}")
        if a.show:
            for g, _ in sorted(hits):
                print(f"      {g}")
    print(f"derived: units sharing {MIN_SHARED}+ rare {K}-grams (each in at most {RARE} corpus documents) with one document: {len(derived)}")
    for k in sorted(derived, key=lambda k: units[k].where):
        u, (doc, gs) = units[k], derived[k]
        print(f"  {u.where} {u.uid}: {len(gs)} rare {K}-grams shared with {doc}")
        if a.show:
            print(f"      {' / '.join(gs)}")
    return 1 if copied or derived else 0


if __name__ == "__main__":
    sys.exit(main())
