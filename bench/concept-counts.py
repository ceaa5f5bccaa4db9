#!/usr/bin/env python3
"""Concept counts for the offline generator's weighted draw (issue 16): data/concept-counts.tsv.

  python3 bench/concept-counts.py [SHARED] [OUT]      (defaults: the shared/data folder above the repo, data/concept-counts.tsv)

How often real text names each concept of data/lexicons/*.tsv, so that the generator can show a model the
concepts real notes use most ("pain", "hypertension", "lidocaine", "bone") more often than rare ones. Two sources,
neither of them a part any result is reported on:
  - the DEV part of the unlabeled notes (MTSamples + PMC-Patients), split exactly as bench/real-notes.py splits them
    (sha256 of seed 16, "notes" and the document id); the test part is never read. Every lexicon is counted there:
    non-overlapping, longest match first, whole tokens; a surface with a capital letter (an abbreviation, a brand)
    matches only as written, a lower-case one in any case;
  - the annotated mentions of BC5CDR's TRAINING set (Chemical -> chemicals.tsv, Disease -> diseases.tsv), matched
    whole to a surface. Its development set is left out because it is one of the dev measures settings are chosen on.
A Chemical/Disease surface that the dev notes hold but that the training abstracts annotate in under a third of its
occurrences is a homograph in real text ("lead", "iron", "CT"): its note matches are not counted for the entity
concept. Output: "lexicon<TAB>name<TAB>count", one row per concept with a count above 0, sorted; names only, no
note text. Deterministic: the same inputs give the same bytes.
"""
import importlib.util
import os
import re
import sys
from collections import Counter, defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEED = 16
MAX_TOKENS = 8
TOKEN = re.compile(r"\w+|[^\w\s]")
ENTITY_LEXICONS = {"Chemical": "chemicals", "Disease": "diseases"}


def real_notes():
    spec = importlib.util.spec_from_file_location("real_notes", os.path.join(ROOT, "bench", "real-notes.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def shared_default():
    d = ROOT
    while d != "/" and not os.path.isdir(os.path.join(d, "shared", "data")):
        d = os.path.dirname(d)
    return os.path.join(d, "shared", "data")


def lexicons():
    """{lexicon: [(name, [surfaces])]} of every data/lexicons/*.tsv with the generator's header."""
    out = {}
    folder = os.path.join(ROOT, "data", "lexicons")
    for file in sorted(os.listdir(folder)):
        if not file.endswith(".tsv"):
            continue
        with open(os.path.join(folder, file), encoding="utf-8") as f:
            lines = f.read().split("\n")
        if lines[0].lstrip("\ufeff") != "name\tvariants\tclass":
            continue
        concepts = []
        for line in lines[1:]:
            if not line:
                continue
            name, variants, _ = line.split("\t")
            concepts.append((name, [name] + [v for v in variants.split("|") if v]))
        out[file[:-4]] = concepts
    return out


def tokens(text):
    return [m.group(0) for m in TOKEN.finditer(text)]


def build_index(lex):
    """lower-cased token tuple -> [(lexicon, name, exact tuple or None)]; None: any case matches."""
    index = defaultdict(list)
    for lexicon, concepts in lex.items():
        for name, surfaces in concepts:
            for s in dict.fromkeys(surfaces):
                t = tuple(tokens(s))
                if not t or len(t) > MAX_TOKENS:
                    continue
                index[tuple(x.lower() for x in t)].append((lexicon, name, t if s != s.lower() else None))
    return index


def count_text(text, index, counts, surface_counts):
    toks = tokens(text)
    low = [t.lower() for t in toks]
    i = 0
    while i < len(toks):
        for n in range(min(MAX_TOKENS, len(toks) - i), 0, -1):
            hits = index.get(tuple(low[i:i + n]))
            if not hits:
                continue
            exact = tuple(toks[i:i + n])
            hits = [h for h in hits if h[2] is None or h[2] == exact]
            if not hits:
                continue
            for lexicon, name, _ in hits:
                counts[(lexicon, name)] += 1
                surface_counts[(lexicon, name, " ".join(low[i:i + n]))] += 1
            i += n
            break
        else:
            i += 1


def bc5cdr_training(shared):
    """Annotated mentions and texts of BC5CDR's training set (PubTator)."""
    mentions, texts = [], []
    with open(os.path.join(shared, "bc5cdr", "pubtator", "CDR_TrainingSet.PubTator.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if "|t|" in line[:20] or "|a|" in line[:20]:
                texts.append(line.split("|", 2)[2])
                continue
            cols = line.split("\t")
            if len(cols) >= 5 and cols[4] in ENTITY_LEXICONS:
                mentions.append((cols[4], cols[3]))
    return mentions, texts


def main(argv):
    shared = argv[1] if len(argv) > 1 else shared_default()
    out = argv[2] if len(argv) > 2 else os.path.join(ROOT, "data", "concept-counts.tsv")
    rn = real_notes()
    lex = lexicons()
    index = build_index(lex)

    # Source 1: dev notes.
    notes = list(rn.read_csv_notes(os.path.join(shared, "mtsamples", "mtsamples_sample.csv"), "mts", None))
    notes += list(rn.read_csv_notes(os.path.join(shared, "pmc_patients", "pmc_patients_sample.csv"), "pmc", "patient_uid"))
    dev = [d for d in notes if rn.part_of(SEED, "notes", d["id"]) == "dev"]
    note_counts, note_surfaces = Counter(), Counter()
    for d in dev:
        count_text(d["text"], index, note_counts, note_surfaces)

    # Source 2: BC5CDR training annotations, and how often each entity surface is annotated where it occurs.
    mentions, texts = bc5cdr_training(shared)
    by_surface = {}
    for label, lexicon in ENTITY_LEXICONS.items():
        for name, surfaces in lex[lexicon]:
            for s in surfaces:
                by_surface.setdefault((lexicon, s.lower()), name)
    annotated, annotated_surfaces = Counter(), Counter()
    for label, text in mentions:
        lexicon = ENTITY_LEXICONS[label]
        name = by_surface.get((lexicon, text.lower()))
        if name is not None:
            annotated[(lexicon, name)] += 1
            annotated_surfaces[(lexicon, " ".join(tokens(text.lower())))] += 1
    abstract_counts, abstract_surfaces = Counter(), Counter()
    for t in texts:
        count_text(t, index, abstract_counts, abstract_surfaces)

    counts = Counter(annotated)
    dropped = []
    for (lexicon, name, surface), c in note_surfaces.items():
        if lexicon in ENTITY_LEXICONS.values():
            seen = abstract_surfaces[(lexicon, name, surface)]
            # A homograph: the abstracts hold it often enough to tell, and mostly leave it unannotated.
            if seen >= 6 and annotated_surfaces[(lexicon, surface)] * 3 < seen:
                dropped.append((surface, c))
                continue
        counts[(lexicon, name)] += c

    rows = sorted((k for k, c in counts.items() if c > 0), key=lambda k: (k[0], k[1]))
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write("lexicon\tname\tcount\n")
        for lexicon, name in rows:
            f.write(f"{lexicon}\t{name}\t{counts[(lexicon, name)]}\n")
    print(f"dev notes: {len(dev)} of {len(notes)}; BC5CDR training: {len(texts)} texts, {len(mentions)} mentions "
          f"({sum(annotated.values())} matched to a concept)", file=sys.stderr)
    print(f"note matches of entity surfaces left out as homographs: {len(dropped)} surfaces "
          f"({sum(c for _, c in dropped)} matches)", file=sys.stderr)
    for lexicon in sorted(lex):
        n = sum(1 for k in rows if k[0] == lexicon)
        print(f"{lexicon}: {n} of {len(lex[lexicon])} concepts counted, {sum(counts[k] for k in rows if k[0] == lexicon)} mentions", file=sys.stderr)
    print(f"wrote {out}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
