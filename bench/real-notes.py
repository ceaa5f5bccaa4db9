#!/usr/bin/env python3
"""Real-notes measurement (issue 16): the glue around `asclepius` that bench/real-notes.sh runs.

  prepare SHARED OUT SEED        real-text sets as JSONL, each split into dev and test by document (seeded):
                                 ade-{dev,test}.jsonl     ADE-Corpus-V2 DRUG-AE.rel sentences, Drug -> Chemical,
                                                          AdverseEffect -> Disease (Dosage and relations dropped)
                                 negex-{dev,test}.jsonl   NegEx kit rows, the condition as one gold Disease
                                 negex-disease-{dev,test}.jsonl  the same without rows whose condition is no
                                                          disease by the BC5CDR guideline (NOT_DISEASE)
                                 notes-{dev,test}.jsonl   MTSamples + PMC-Patients notes (no gold)
                                 mtsamples-all.jsonl      all 500 MTSamples notes (for the surface counts)
  surfaces LABELED N             the N most frequent predicted surfaces per label (lower-cased)
  sample LABELED SEED N OUT [EXCLUDE_SHEET...]
                                 a seeded audit sample, N predictions per label, as OUT.tsv and OUT.html;
                                 predictions already on the EXCLUDE sheets are not drawn (a disjoint second sample)
  precision SHEET [SHEET...]     precision per label with a 95% Wilson interval from a judged sheet, or pooled
                                 over disjoint sheets of the same model
  agreement SHEET_A SHEET_B      two judges of the same rows: raw agreement, Cohen's kappa, each judge's precision
                                 with its 95% Wilson interval, the confusion table (refuses sheets whose rows differ)
  markable GOLD LABELED SHEET     NegEx-kit recall split by a model-blind sheet of which rows hold a BC5CDR-markable
                                 Disease mention (docs/audit/negex-test-markable.tsv for negex-disease-test.jsonl)
  render SHEET OUT.html          the HTML page of a (judged) sheet
  summary OUT                    one table of the scores in OUT (ade/negex JSON from `asclepius evaluate`)
  sitespans LABELED              Disease predictions of a symptom word ("pain", "weakness", ...) after a body-site
                                 word: how many spans take the site in ("hip pain") and how many leave it out
                                 ("hip [pain]"), the largest span-error kind of the audits; and Disease spans that
                                 start with a pronoun, determiner, conjunction or severity word ("[his pain]",
                                 "[mild stenosis]": words BC5CDR leaves out); and Disease spans right after a type or
                                 site word of the name ("benign [prostatic hypertrophy]"); counts only

The split is by document: sha256(seed:set:document id) decides, so a document is never in both parts and
the split does not depend on the order of the files. Settings are chosen on dev; test is reported.
Nothing here prints note text except the audit sheet, whose sources (MTSamples, PMC-Patients) are public.
"""
import csv
import hashlib
import html
import json
import math
import os
import random
import re
import sys
from collections import Counter, defaultdict

JUDGEMENTS = ("correct", "wrong-label", "wrong-span", "not-entity")
CONTEXT = 80


def part_of(seed, name, doc_id):
    h = hashlib.sha256(f"{seed}:{name}:{doc_id}".encode()).digest()
    return "dev" if h[0] % 2 == 0 else "test"


def write_jsonl(path, docs):
    with open(path, "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def split_write(out, name, seed, docs, key):
    parts = {"dev": [], "test": []}
    for d in docs:
        parts[part_of(seed, name, key(d))].append(d)
    for p, ds in parts.items():
        write_jsonl(os.path.join(out, f"{name}-{p}.jsonl"), ds)
    print(f"{name}: dev {len(parts['dev'])} / test {len(parts['test'])} documents", file=sys.stderr)


def prepare_ade(converted, out, seed):
    # `asclepius convert` located every mention in its sentence; here only labels are mapped.
    mapping = {"Drug": "Chemical", "AdverseEffect": "Disease"}
    docs = []
    for d in read_jsonl(converted):
        ents = [dict(e, label=mapping[e["label"]]) for e in d.get("entities", []) if e["label"] in mapping]
        for i, e in enumerate(ents):
            e["id"] = f"T{i + 1}"
        docs.append({"id": d["id"], "text": d["text"], "entities": ents, "relations": [], "metadata": d.get("metadata", {})})
    # By PMID: sentences of one case report stay together.
    split_write(out, "ade", seed, docs, lambda d: d["metadata"].get("pmid", d["id"].split("-")[0]))


# NegEx "conditions" that are not diseases by the BC5CDR guideline: normal or negative exam statements
# ("abdomen is soft", "aortic valve is normal", "cranial nerves intact"), states ("alert", "afebrile",
# "ambulating"), substances and habits ("alcohol", "tobacco", "drug use"), allergies and procedures. Fixed
# before any model was scored on the kit's sets and never changed for a result; the rest, "disease rows", are
# findings, symptoms and diseases, which the Disease label should find.
NOT_DISEASE = re.compile(
    r"\b(normal|normocephalic|intact|nontender|soft|clear|atraumatic|alert|awake|oriented|cooperative|regular|stable|"
    r"good|pulses?|5/5|ambulat\w*|patent|afebrile|anicteric|unremarkable|limits|size is|reactive|bowel sounds|"
    r"breath sounds|distress|alcohol|tobacco|smok\w*|drugs?|allerg\w*|surgery|transplant|ectomy|bypass|"
    r"following commands|range of motion|capillary refill|strength|extraocular|eomi|cranial nerves|insight|"
    r"controlled|supple|well|moist|pink|warm|dry)\b", re.IGNORECASE)


def prepare_negex(path, out, seed):
    docs, missing = [], 0
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t")
        next(reader)
        for n, row in enumerate(reader, start=1):
            report, concept, sentence = row[0].strip(), row[1], row[2]
            phrase = re.sub(r"\s+", " ", concept.strip())
            # The phrase may be wrapped over several spaces in the sentence: match any run of whitespace.
            pattern = r"\s+".join(re.escape(w) for w in phrase.split(" "))
            # The kit marks the row's occurrence by writing it in capitals: take that one, else the first whole-word
            # occurrence, else the first at all (a short condition such as "MI" also occurs inside "adMItted").
            m = (re.search(r"\s+".join(re.escape(w.upper()) for w in phrase.split(" ")), sentence)
                 or re.search(r"(?<!\w)" + pattern + r"(?!\w)", sentence, re.IGNORECASE)
                 or re.search(pattern, sentence, re.IGNORECASE))
            if not m:
                missing += 1
                continue
            # The kit writes the row's condition in capitals inside its sentence (a marker, not the note's text):
            # give it back the casing of the Condition column, character for character.
            cased = iter(c for c in phrase if not c.isspace())
            sentence = sentence[:m.start()] + "".join(c if c.isspace() else next(cased) for c in m.group(0)) + sentence[m.end():]
            docs.append({"id": f"negex-{n}", "text": sentence,
                         "entities": [{"id": "T1", "start": m.start(), "end": m.end(), "label": "Disease", "text": sentence[m.start():m.end()]}],
                         "relations": [], "metadata": {"report": report, "negation": row[3].strip(),
                                                       "disease": "no" if NOT_DISEASE.search(phrase) else "yes"}})
    print(f"negex: {missing} rows whose condition is not in its sentence left out", file=sys.stderr)
    # By report: the kit's 116 reports repeat boilerplate sentences.
    split_write(out, "negex", seed, docs, lambda d: d["metadata"]["report"])
    split_write(out, "negex-disease", seed, [d for d in docs if d["metadata"]["disease"] == "yes"], lambda d: d["metadata"]["report"])


def read_csv_notes(path, prefix, id_column):
    csv.field_size_limit(1 << 24)
    with open(path, encoding="utf-8", newline="") as f:
        for i, row in enumerate(csv.DictReader(f)):
            doc_id = f"{prefix}-{row[id_column].strip() if id_column else i + 1}"
            yield {"id": doc_id, "text": row["text"], "metadata": {"source": prefix}}


def prepare(shared, out, seed):
    os.makedirs(out, exist_ok=True)
    prepare_ade(os.path.join(out, "ade-converted.jsonl"), out, seed)
    prepare_negex(os.path.join(shared, "negex", "Annotations-1-120.txt"), out, seed)
    mts = list(read_csv_notes(os.path.join(shared, "mtsamples", "mtsamples_sample.csv"), "mts", None))
    pmc = list(read_csv_notes(os.path.join(shared, "pmc_patients", "pmc_patients_sample.csv"), "pmc", "patient_uid"))
    write_jsonl(os.path.join(out, "mtsamples-all.jsonl"), mts)
    split_write(out, "notes", seed, mts + pmc, lambda d: d["id"])


def predictions(labeled):
    for d in read_jsonl(labeled):
        for e in d.get("entities", []):
            yield d, e


def surfaces(labeled, n):
    counts = defaultdict(Counter)
    for d, e in predictions(labeled):
        counts[e["label"]][d["text"][e["start"]:e["end"]].lower()] += 1
    for label in sorted(counts):
        total = sum(counts[label].values())
        print(f"{label}: {total} predictions, {len(counts[label])} distinct surfaces; the {n} most frequent:")
        for rank, (s, c) in enumerate(counts[label].most_common(n), start=1):
            print(f"  {rank:3d} {c:5d}  {s}")


def one_line(s):
    return re.sub(r"\s+", " ", s)


SHEET_COLUMNS = ("n", "label", "doc", "start", "end")


def read_sheet(sheet, required=SHEET_COLUMNS):
    """Rows of a TSV sheet; exit 2 naming the file when a required column is missing."""
    with open(sheet, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f, delimiter="\t")
        missing = set(required) - set(reader.fieldnames or [])
        if missing:
            print(f"{sheet}: no column {', '.join(sorted(missing))}", file=sys.stderr)
            sys.exit(2)
        return list(reader)


def row_key(sheet, r):
    """(label, doc, start, end) of a sheet row; exit 2 naming the file and row when an offset is no number."""
    try:
        return (r["label"], r["doc"], int(r["start"]), int(r["end"]))
    except ValueError:
        print(f"{sheet}: row n={r['n']}: start/end '{r['start']}'/'{r['end']}' are not numbers", file=sys.stderr)
        sys.exit(2)


def sample(labeled, seed, n, out, exclude=()):
    # Predictions already on the EXCLUDE sheets are left out before the draw, so that a second sample of the same
    # model is disjoint from the first and the two can be pooled (`precision A B`) as one larger sample.
    taken = {row_key(sheet, r) for sheet in exclude for r in read_sheet(sheet)}
    by_label = defaultdict(list)
    for d, e in predictions(labeled):
        if (e["label"], d["id"], e["start"], e["end"]) not in taken:
            by_label[e["label"]].append((d, e))
    rng = random.Random(seed)
    rows = []
    for label in sorted(by_label):
        items = sorted(by_label[label], key=lambda de: (de[0]["id"], de[1]["start"], de[1]["end"]))
        for d, e in rng.sample(items, min(n, len(items))):
            t = d["text"]
            rows.append({
                "n": 0, "label": label, "doc": d["id"], "start": e["start"], "end": e["end"],
                "surface": one_line(t[e["start"]:e["end"]]),
                "left": one_line(t[max(0, e["start"] - CONTEXT):e["start"]]),
                "right": one_line(t[e["end"]:e["end"] + CONTEXT]),
                "judgement": "", "note": "",
            })
    for i, r in enumerate(rows, start=1):
        r["n"] = i
    fields = ["n", "label", "doc", "start", "end", "surface", "left", "right", "judgement", "note"]
    with open(out + ".tsv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields, delimiter="\t", quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    write_html(rows, out + ".html")
    print(f"audit sample: {len(rows)} predictions -> {out}.tsv, {out}.html", file=sys.stderr)


def write_html(rows, path):
    colors = {"Chemical": "#cde8ff", "Disease": "#ffd9cc"}
    parts = ["<!doctype html><meta charset='utf-8'><title>Audit sheet</title><style>",
             "body{font:14px sans-serif;margin:2em} table{border-collapse:collapse} td,th{border-bottom:1px solid #ddd;padding:4px 6px;vertical-align:top}",
             "mark{padding:0 2px;border-radius:3px} .ctx{font-family:monospace;max-width:70em} .j{white-space:nowrap}</style>",
             "<h1>Audit sheet</h1><p>Each prediction in its context (&plusmn;80 characters). Judgements: correct, wrong-label, wrong-span, not-entity "
             "(BC5CDR guideline). The same rows are in the .tsv beside this page.</p>",
             "<table><tr><th>#</th><th>label</th><th>document</th><th>context</th><th>judgement</th><th>note</th></tr>"]
    for r in rows:
        c = colors.get(r["label"], "#eee")
        ctx = f"{html.escape(r['left'])}<mark style='background:{c}'>{html.escape(r['surface'])}</mark>{html.escape(r['right'])}"
        parts.append(f"<tr><td>{r['n']}</td><td>{html.escape(r['label'])}</td><td>{html.escape(r['doc'])}</td>"
                     f"<td class='ctx'>{ctx}</td><td class='j'>{html.escape(r['judgement'])}</td><td>{html.escape(r['note'])}</td></tr>")
    parts.append("</table>")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(parts))


def wilson(k, n, z=1.959964):
    if n == 0:
        return (float("nan"), float("nan"))
    p = k / n
    d = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / d
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return centre - half, centre + half


def precision(sheets):
    # Several sheets are pooled as one sample; they must hold different predictions (see `sample ... EXCLUDE`).
    by = defaultdict(Counter)
    seen = {}
    for sheet in sheets:
        for r in read_sheet(sheet, SHEET_COLUMNS + ("judgement",)):
            key = row_key(sheet, r)
            if key in seen:
                sys.exit(f"{sheet}: row {r['n']}: the same prediction is row {seen[key]}; pooled sheets must be disjoint")
            seen[key] = f"{r['n']} of {sheet}"
            j = r["judgement"].strip()
            if j and j not in JUDGEMENTS:
                sys.exit(f"{sheet}: row {r['n']}: judgement '{j}' is not one of {', '.join(JUDGEMENTS)}")
            by[r["label"]][j or "unjudged"] += 1
    print("label\tjudged\tcorrect\twrong-label\twrong-span\tnot-entity\tprecision\t95% Wilson\tlenient (span overlap ok)")
    for label in sorted(by):
        c = by[label]
        n = sum(v for k, v in c.items() if k != "unjudged")
        k = c["correct"]
        lo, hi = wilson(k, n)
        kl = k + c["wrong-span"]
        llo, lhi = wilson(kl, n)
        print(f"{label}\t{n}\t{k}\t{c['wrong-label']}\t{c['wrong-span']}\t{c['not-entity']}\t{k / n if n else float('nan'):.3f}\t"
              f"[{lo:.3f}, {hi:.3f}]\t{kl / n if n else float('nan'):.3f} [{llo:.3f}, {lhi:.3f}]"
              + (f"\t({c['unjudged']} unjudged)" if c["unjudged"] else ""))


def summary(out):
    print("set\tpart\tlabel\tP\tR\tF1\tlenient R")
    for name in ("ade", "negex", "negex-disease"):
        for part in ("dev", "test"):
            path = os.path.join(out, f"{name}-{part}.scores.json")
            if not os.path.exists(path):
                continue
            with open(path, encoding="utf-8") as f:
                s = json.load(f)
            ents = s["entities"]
            for label, strict in sorted(ents["labels"].items()):
                lenient = ents["lenient"]["labels"][label]
                print(f"{name}\t{part}\t{label}\t{strict['precision']:.4f}\t{strict['recall']:.4f}\t{strict['f1']:.4f}\t{lenient['recall']:.4f}")


# Symptom heads and body-site words for `sitespans` (written for this check, independent of data/compose).
SYMPTOMS = r"(?:pain|pains|weakness|numbness|swelling|tenderness|stiffness|cramps|cramping|tingling|paresthesias?|spasms?|ache|aches)"
SITES = (r"(?:knee|knees|hip|hips|shoulder|shoulders|neck|back|low back|lower back|upper back|mid back|lumbar|thoracic|cervical|"
         r"ankle|ankles|wrist|wrists|elbow|elbows|hand|hands|foot|feet|leg|legs|arm|arms|ear|ears|jaw|flank|groin|pelvic|"
         r"rectal|epigastric|suprapubic|quadrant|chest wall|facial|face|eye|eyes|heel|thigh|thighs|calf|calves|buttock|"
         r"rib|testicular|breast|perineal|scrotal|toe|toes|finger|fingers|thumb|incisional|forearm|extremity|extremities|"
         r"sacroiliac|coccyx|gluteal|shin|radicular|retrosternal|substernal|periorbital|dental|tooth|throat|sinus|"
         r"temporal|occipital|frontal|vaginal|penile|anal|bladder|kidney|muscle|joint|abdominal|chest|head|bone|nerve)")


LEADING = re.compile(r"(?i)^(?:his|her|their|its|the|a|an|any|some|no|and|or|of|in|had|has|with|more|less|mild|mildly|moderate|"
                     r"moderately|severe|severely|significant|minimal|slight|marked|worsening|increasing|persistent|"
                     r"intermittent|occasional|ongoing|continued|new|dull|sharp|negative|positive|possible|probable)\s")


# Type and site words that belong inside a disease name ("benign [prostatic hypertrophy]", "paroxysmal [atrial
# fibrillation]", "RCA [stenosis]"): written for `sitespans` in session 6 before any run, independent of data/lexicons.
TYPE_WORDS = (r"(?:benign|malignant|pathologic|pathological|paroxysmal|multifocal|ischemic|nonischemic|non-ischemic|internal|"
              r"external|urge|stress|clear cell|papillary|serous|invasive|ductal|lobular|compression|comminuted|joint|wall|"
              r"space|artery|RCA|LAD|neuroforaminal|foraminal|subglottic|tonic-clonic|elevation|acalculous|gangrenous|"
              r"plateau|osteoporotic|direct|indirect|acromioclavicular|glenohumeral|patellofemoral|uncovertebral|facet|"
              r"apophyseal|small cell|squamous cell|basal cell|differentiated|low-grade|high-grade|hepatitis [BC]|"
              r"thrombosed|subcapital|intertrochanteric|capsular|follicular|medullary|diabetic|alcoholic|hypertensive|"
              r"obstructive|rheumatoid|septic|viral|bacterial|fungal|congenital|migraine|tension|cluster)")


def sitespans(labeled):
    whole = bare = symptoms = leading = diseases = typeleft = 0
    type_before = re.compile(r"(?i)\b" + TYPE_WORDS + r"\s+$")
    head = re.compile(r"(?i)^(?:.*\s)?" + SYMPTOMS + r"$")
    site_in = re.compile(r"(?i)\b" + SITES + r"\b")
    site_before = re.compile(r"(?i)\b" + SITES + r"\s+$")
    for d, e in predictions(labeled):
        if e["label"] != "Disease":
            continue
        surface = d["text"][e["start"]:e["end"]]
        diseases += 1
        leading += bool(LEADING.match(surface))
        typeleft += bool(type_before.search(d["text"][max(0, e["start"] - 30):e["start"]]))
        if not head.match(surface):
            continue
        symptoms += 1
        if site_in.search(surface):
            whole += 1
        elif site_before.search(d["text"][max(0, e["start"] - 40):e["start"]]):
            bare += 1
    print(f"Disease predictions ending in a symptom word: {symptoms}; with a body site inside the span: {whole}; "
          f"a bare symptom right after a body-site word (site left out): {bare}")
    print(f"Disease predictions: {diseases}; starting with a pronoun, determiner, conjunction or severity word: {leading}")
    print(f"Disease predictions right after a type or site word of the name (type word left out): {typeleft}")


def markable(gold, labeled, sheet):
    """NegEx-kit recall as Disease split by a model-blind sheet (id, markable yes/no, kind) that says whether each row's
    condition holds a mention a BC5CDR annotator marks: lenient (overlap) recall on each part and per kind, and the
    share of markable rows, the most a model that follows the guideline can reach."""
    kinds = {}
    for r in read_sheet(sheet, ("id", "markable", "kind")):
        if r["markable"] not in ("yes", "no"):
            print(f"{sheet}: row id={r['id']}: markable '{r['markable']}' is not yes or no", file=sys.stderr)
            sys.exit(2)
        kinds[r["id"]] = (r["markable"], r["kind"])
    found = {}
    predicted = {d["id"]: [e for e in d.get("entities", []) if e["label"] == "Disease"] for d in read_jsonl(labeled)}
    for d in read_jsonl(gold):
        if d["id"] not in kinds:
            sys.exit(f"{sheet}: no row for document {d['id']} of {gold}")
        found[d["id"]] = any(p["start"] < g["end"] and g["start"] < p["end"]
                             for g in d.get("entities", []) for p in predicted.get(d["id"], []))
    if not any(kinds[i][0] == "yes" for i in found):
        sys.exit(f"{gold}: no document that {sheet} marks markable")
    by = defaultdict(lambda: [0, 0])
    for i, hit in found.items():
        m, kind = kinds[i]
        for key in (m, f"{m}\t{kind}"):
            by[key][0] += hit
            by[key][1] += 1
    total = len(found)
    print(f"rows {total}; markable {by['yes'][1]} ({by['yes'][1] / total:.3f}: the recall a guideline-following model can reach)")
    print(f"recall, all rows {sum(found.values()) / total:.4f}; markable rows {by['yes'][0] / by['yes'][1]:.4f} ({by['yes'][0]}/{by['yes'][1]}); "
          f"other rows {by['no'][0]}/{by['no'][1]}")
    print("markable\tkind\tfound\trows")
    for key in sorted((k for k in by if "\t" in k), key=lambda k: (k.split("\t")[0] != "yes", -by[k][1])):
        print(f"{key}\t{by[key][0]}\t{by[key][1]}")


def read_judged(path):
    """Rows of a judged sheet by n; exit 2 naming the file and row on a duplicate n or an unknown judgement."""
    rows = {}
    for r in read_sheet(path, SHEET_COLUMNS + ("judgement",)):
        j = (r["judgement"] or "").strip()
        if j not in JUDGEMENTS:
            print(f"{path}: row n={r['n']}: judgement '{j}' is not one of {', '.join(JUDGEMENTS)}", file=sys.stderr)
            sys.exit(2)
        if r["n"] in rows:
            print(f"{path}: row n={r['n']} appears twice", file=sys.stderr)
            sys.exit(2)
        rows[r["n"]] = r
    return rows


def kappa(pairs, categories):
    """Cohen's kappa of (a, b) judgement pairs over the given categories; nan when chance agreement is 1."""
    n = len(pairs)
    if n == 0:
        return float("nan")
    observed = sum(a == b for a, b in pairs) / n
    ca, cb = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    chance = sum(ca[c] * cb[c] for c in categories) / (n * n)
    return float("nan") if chance == 1 else (observed - chance) / (1 - chance)


def agreement(sheet_a, sheet_b):
    """Agreement of two judges on the same audit rows: raw agreement, Cohen's kappa (4 categories, and correct vs
    not correct), each judge's precision with its 95% Wilson interval, the confusion table and the rows they differ on.
    Refuses (exit 2) sheets whose rows (n, doc, start, end, label) differ."""
    a, b = read_judged(sheet_a), read_judged(sheet_b)
    for n in sorted(set(a) | set(b), key=lambda x: int(x) if x.isdigit() else x):
        if n not in a or n not in b:
            print(f"{sheet_a if n not in a else sheet_b}: has no row n={n} (the other sheet has)", file=sys.stderr)
            sys.exit(2)
        key_a = tuple(a[n][k] for k in ("doc", "start", "end", "label"))
        key_b = tuple(b[n][k] for k in ("doc", "start", "end", "label"))
        if key_a != key_b:
            print(f"row n={n} differs: {sheet_a} has (doc, start, end, label) {key_a}, {sheet_b} has {key_b}", file=sys.stderr)
            sys.exit(2)
    ns = sorted(a, key=lambda x: int(x) if x.isdigit() else x)
    print(f"A = {sheet_a}\nB = {sheet_b}")
    print("label\trows\tagree\traw\tkappa(4)\tkappa(correct vs not)\tA precision [95% Wilson]\tB precision [95% Wilson]")
    groups = [(label, [n for n in ns if a[n]["label"] == label]) for label in sorted({a[n]["label"] for n in ns})]
    groups.append(("overall", ns))
    binary = lambda j: "correct" if j == "correct" else "not-correct"
    for label, group in groups:
        pairs = [(a[n]["judgement"].strip(), b[n]["judgement"].strip()) for n in group]
        rows = len(pairs)
        agree = sum(x == y for x, y in pairs)
        k4 = kappa(pairs, JUDGEMENTS)
        k2 = kappa([(binary(x), binary(y)) for x, y in pairs], ("correct", "not-correct"))
        cells = []
        for side in (0, 1):
            k = sum(p[side] == "correct" for p in pairs)
            lo, hi = wilson(k, rows)
            cells.append(f"{k / rows if rows else float('nan'):.3f} [{lo:.3f}, {hi:.3f}]")
        print(f"{label}\t{rows}\t{agree}\t{agree / rows if rows else float('nan'):.3f}\t{k4:.3f}\t{k2:.3f}\t{cells[0]}\t{cells[1]}")
    for label, group in groups:
        counts = Counter((a[n]["judgement"].strip(), b[n]["judgement"].strip()) for n in group)
        print(f"\nconfusion, {label} (rows: A, columns: B)")
        print("A \\ B\t" + "\t".join(JUDGEMENTS))
        for ja in JUDGEMENTS:
            print(ja + "\t" + "\t".join(str(counts[(ja, jb)]) for jb in JUDGEMENTS))
    differ = [n for n in ns if a[n]["judgement"].strip() != b[n]["judgement"].strip()]
    print(f"\nrows judged differently: {len(differ)}")
    for n in differ:
        print(f"{n}\t{a[n]['label']}\t{a[n].get('surface', '')}\tA: {a[n]['judgement'].strip()}\tB: {b[n]['judgement'].strip()}")


def main(argv):
    cmd = argv[1] if len(argv) > 1 else ""
    if cmd == "prepare" and len(argv) == 5:
        prepare(argv[2], argv[3], argv[4])
    elif cmd == "surfaces" and len(argv) == 4:
        surfaces(argv[2], int(argv[3]))
    elif cmd == "sample" and len(argv) >= 6:
        sample(argv[2], int(argv[3]), int(argv[4]), argv[5], argv[6:])
    elif cmd == "render" and len(argv) == 4:
        write_html(read_sheet(argv[2]), argv[3])
    elif cmd == "precision" and len(argv) >= 3:
        precision(argv[2:])
    elif cmd == "summary" and len(argv) == 3:
        summary(argv[2])
    elif cmd == "sitespans" and len(argv) == 3:
        sitespans(argv[2])
    elif cmd == "markable" and len(argv) == 5:
        markable(argv[2], argv[3], argv[4])
    elif cmd == "agreement" and len(argv) == 4:
        agreement(argv[2], argv[3])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
