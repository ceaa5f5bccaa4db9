"""A synthetic vocabulary TSV of N names (for build/load/query timing only): random pronounceable 1-4 word
names from consonant-vowel(-consonant) syllables (about 2,500 syllables, so 3-grams are about as varied as
in a real terminology), a tenth of the concepts with a synonym. Usage: link-synthetic.py OUT.tsv N"""
import random, sys
random.seed(13)
cons = "bcdfghklmnprstvwxz"
vows = "aeiouy"
codas = [""] * 6 + list("lmnrstx")
syll = [c + v + k for c in cons for v in vows for k in codas]
def word():
    return "".join(random.choice(syll) for _ in range(random.randint(2, 4)))
n, i, cid = int(sys.argv[2]), 0, 0
with open(sys.argv[1], "w") as out:
    out.write("id\tname\tsynonyms\tvocabulary\tclass\n")
    while i < n:
        name = " ".join(word() for _ in range(random.randint(1, 4)))
        syn = ""
        if cid % 10 == 0 and i + 1 < n:
            syn = " ".join(word() for _ in range(random.randint(1, 3))); i += 1
        out.write(f"S{cid}\t{name}\t{syn}\tSYN\t{'Drug' if cid % 2 else 'Condition'}\n")
        cid += 1; i += 1
