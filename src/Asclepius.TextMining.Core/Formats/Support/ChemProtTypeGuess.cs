namespace Asclepius.TextMining.Core.Formats.Support;

/// <summary>
/// Guesses which argument of a ChemProt pair is the gene/protein. The SciBERT copy of ChemProt marks the two
/// arguments by order of appearance ("&lt;&lt; first &gt;&gt;", "[[ second ]]"), not by type, and every ChemProt
/// relation joins one chemical and one gene, so one guess per pair is enough. The score is lexical: protein
/// words and gene-family prefixes push towards Gene, chemical suffixes and nomenclature towards Chemical.
/// Its agreement with a hand check is measured in docs/FORMATS.md; the reader marks the result as inferred.
/// </summary>
internal static class ChemProtTypeGuess
{
    private static readonly string[] GeneWords =
    [
        "receptor", "adrenoceptor", "channel", "transporter", "kinase", "enzyme", "protein", "factor", "cytochrome",
        "interleukin", "catenin", "myosin", "actin", "tubulin", "globulin", "albumin", "integrin", "cyclin", "subunit",
        "pump", "synthase", "reductase", "oxidase", "dehydrogenase", "transferase", "esterase", "phosphatase",
        "protease", "peptidase", "lipase", "cyclase", "isomerase", "polymerase", "ligase", "hydrolase", "hydroxylase",
        "mutase", "anhydrase", "caspase", "collagen", "hemoglobin", "haemoglobin", "antigen", "antibody", "insulin",
        "calpain", "calmodulin", "ubiquitin", "transcription", "exchanger", "symporter", "antiporter", "cotransporter",
        "carrier", "gene", "mrna", "ligand", "hormone", "peptide", "toxin", "lectin", "opsin", "kinin", "cadherin",
        "chemokine", "cytokine", "interferon", "thrombin", "trypsin", "pepsin", "renin", "plasmin", "elastase",
        "histone", "lamin", "keratin", "fibrin", "ferritin", "transferrin", "leptin", "ghrelin", "adiponectin",
        "oxytocin", "vasopressin", "glucagon", "somatostatin", "angiotensin", "bradykinin", "endothelin",
    ];

    private static readonly string[] GenePrefixes =
    [
        "cyp", "cox", "il-", "tnf", "mmp", "erk", "jnk", "mapk", "akt", "pkc", "pka", "nf-", "stat", "p38", "p53",
        "p21", "her", "egfr", "vegf", "tgf", "ppar", "gst", "ugt", "sult", "abc", "slc", "mao", "ache", "bche",
        "pde", "hdac", "nos", "inos", "enos", "nnos", "ace", "parp", "mtor", "ampk", "gaba", "nmda", "ampa", "trpv",
        "p-gp", "pgp", "mrp", "bcrp", "oatp", "oct", "hif", "jak", "src", "ras", "raf", "mek", "pi3k", "bcl", "bax",
        "bim", "cdk", "igf", "fgf", "pdgf", "ldl", "hmg", "ptp", "sirt", "nrf", "keap", "ahr", "pxr", "car ", "fxr",
        "lxr", "rxr", "rar", "era", "erβ", "er-", "ar ", "gr ", "5-ht1", "5-ht2", "5-ht3", "5-ht4", "5-ht6", "5-ht7",
        "d1", "d2", "d3", "h1", "h2", "h3", "m1", "m2", "m3", "a1", "a2a", "a3", "mu-", "kappa", "delta-opioid",
        "alpha1", "alpha2", "beta1", "beta2", "beta3", "alpha-1", "alpha-2", "beta-1", "beta-2", "α1", "α2", "β1", "β2",
    ];

    private static readonly string[] ChemicalSuffixes =
    [
        "ine", "ines", "ol", "ols", "one", "ones", "ide", "ides", "ate", "ates", "ite", "ium", "ole", "oles", "azole",
        "pril", "sartan", "olol", "dipine", "mycin", "cillin", "oxacin", "statin", "vir", "afil", "tinib", "zepam",
        "barbital", "profen", "steroid", "oid", "acid", "acids", "ester", "ane", "ene", "yne", "yl", "ose", "oses",
        "amine", "amide", "imide", "in", "ins", "an", "ic", "ium", "gen",
    ];

    private static readonly string[] ChemicalWords =
    [
        "acid", "[3h]", "[14c]", "[125i]", "(+/-)", "hydrochloride", "sulfate", "chloride", "sodium", "potassium",
        "calcium", "methyl", "ethyl", "phenyl", "hydroxy", "amino", "chloro", "fluoro", "bromo", "nitro", "oxo",
        "glucose", "cholesterol", "steroid", "ethanol", "oxygen", "nitric oxide", "ros", "atp", "adp", "camp", "cgmp",
        "gsh", "nad", "prostaglandin", "pge", "pgf", "ltb", "5-ht", "dopamine", "serotonin", "histamine", "glutamate",
        "acetylcholine", "noradrenaline", "norepinephrine", "adrenaline", "epinephrine", "estradiol", "testosterone",
    ];

    /// <summary>Positive: looks like a gene/protein; negative: looks like a chemical.</summary>
    public static int GeneScore(string mention)
    {
        var t = mention.Trim().ToLowerInvariant();
        if (t.Length == 0) return 0;
        var score = 0;
        var geneWord = false;
        foreach (var w in GeneWords) if (t.Contains(w, StringComparison.Ordinal)) { score += 3; geneWord = true; break; }
        // Serotonin receptor subtypes ("5-HT2", "5-HT(1B)") are genes although "5-HT" alone is serotonin.
        if (t.StartsWith("5-ht", StringComparison.Ordinal) && t.Length > 4 && (char.IsAsciiDigit(t[4]) || t[4] == '(')) return 5;
        if (EndsWithWord(t, "ase") || EndsWithWord(t, "ases")) score += 3;
        foreach (var p in GenePrefixes) if (t.StartsWith(p, StringComparison.Ordinal)) { score += 2; break; }
        foreach (var w in ChemicalWords) if (t.Contains(w, StringComparison.Ordinal)) { score -= 2; break; }

        var last = LastWord(t);
        // A protein word outweighs a chemical-looking ending ("cytokines", "peptide").
        foreach (var s in geneWord ? [] : ChemicalSuffixes)
        {
            if (last.Length > s.Length + 2 && last.EndsWith(s, StringComparison.Ordinal))
            {
                // "-in" is weak: proteins end so too (calpain, myosin); the gene words above outweigh it.
                score -= s is "in" or "ins" or "an" or "ic" or "gen" ? 1 : 2;
                break;
            }
        }
        // Systematic names: locants and brackets ("2-hydroxy-", "(+)-", "1,4-").
        if (HasLocant(t)) score -= 2;
        // Company codes are compounds: letters then three or more digits ("MG132", "GW572016", "L-765314").
        if (IsCompoundCode(mention.Trim())) score -= 2;
        // Short symbols with a digit (p38, Rac1, CYP1A1, Erk1/2) are most often genes.
        else if (mention.Length <= 8 && mention.Any(char.IsAsciiDigit) && mention.Any(char.IsLetter) && !HasLocant(t)) score += 1;
        return score;
    }

    private static bool EndsWithWord(string t, string suffix)
    {
        foreach (var word in t.Split([' ', '-', '/', '(', ')'], StringSplitOptions.RemoveEmptyEntries))
            if (word.Length > suffix.Length + 2 && word.EndsWith(suffix, StringComparison.Ordinal)) return true;
        return false;
    }

    private static string LastWord(string t)
    {
        var parts = t.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 0 ? t : parts[^1];
    }

    private static bool HasLocant(string t)
    {
        for (var i = 0; i + 1 < t.Length; i++)
        {
            if (char.IsAsciiDigit(t[i]) && (t[i + 1] == ',' || (t[i + 1] == '-' && i + 2 < t.Length && char.IsLetter(t[i + 2]) && (i == 0 || !char.IsLetter(t[i - 1])))))
                return true;
        }
        return t.Contains("(+", StringComparison.Ordinal) || t.Contains("(-)", StringComparison.Ordinal) || t.Contains("(r)", StringComparison.Ordinal) || t.Contains("(s)", StringComparison.Ordinal);
    }

    private static bool IsCompoundCode(string s)
    {
        var digits = 0;
        var letters = 0;
        foreach (var c in s)
        {
            if (char.IsAsciiDigit(c)) digits++;
            else if (char.IsAsciiLetterUpper(c)) letters++;
            else if (c is '-' or ' ') continue;
            else return false;
        }
        return letters is >= 1 and <= 4 && digits >= 3;
    }
}
