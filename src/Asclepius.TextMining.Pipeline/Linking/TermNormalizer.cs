using System.Globalization;
using System.Text;

namespace Asclepius.TextMining.Pipeline.Linking;

/// <summary>
/// The one normalization both vocabulary names and mentions go through before they are compared:
/// case folded, accents stripped, Greek letters spelled out (α → alpha), every run of punctuation,
/// hyphens and spaces made one space, British spellings made American (anaemia → anemia, oedema →
/// edema, tumour → tumor, sulphate → sulfate) and plural words made singular (seizures → seizure,
/// arrhythmias → arrhythmia, therapies → therapy). Deterministic and culture-invariant: the index built
/// from it stays valid on every machine.
/// </summary>
public static class TermNormalizer
{
    private static readonly Dictionary<char, string> Greek = new()
    {
        ['α'] = "alpha", ['β'] = "beta", ['γ'] = "gamma", ['δ'] = "delta", ['ε'] = "epsilon", ['ζ'] = "zeta",
        ['η'] = "eta", ['θ'] = "theta", ['ι'] = "iota", ['κ'] = "kappa", ['λ'] = "lambda", ['μ'] = "mu",
        ['ν'] = "nu", ['ξ'] = "xi", ['ο'] = "omicron", ['π'] = "pi", ['ρ'] = "rho", ['σ'] = "sigma", ['ς'] = "sigma",
        ['τ'] = "tau", ['υ'] = "upsilon", ['φ'] = "phi", ['χ'] = "chi", ['ψ'] = "psi", ['ω'] = "omega",
    };

    // Accented Latin letters folded by table: the build runs with invariant globalization, where
    // string.Normalize does not decompose them.
    private static readonly Dictionary<char, string> Latin = BuildLatin();

    private static Dictionary<char, string> BuildLatin()
    {
        var map = new Dictionary<char, string> { ['ß'] = "ss", ['æ'] = "ae", ['œ'] = "oe", ['ø'] = "o", ['ð'] = "d", ['þ'] = "th", ['ł'] = "l" };
        foreach (var (plain, accented) in new[] { ('a', "àáâãäåāăą"), ('c', "çćčĉ"), ('e', "èéêëēėęě"), ('i', "ìíîïīį"), ('n', "ñńň"), ('o', "òóôõöōő"), ('u', "ùúûüūůű"), ('y', "ýÿ"), ('s', "śšş"), ('z', "źżž"), ('r', "ř"), ('g', "ğ") })
            foreach (var c in accented) map[c] = plain.ToString();
        return map;
    }

    // Words whose final "s" is not a plural; the rule below would damage them.
    private static readonly HashSet<string> KeepS = new(StringComparer.Ordinal)
    {
        "aids", "diabetes", "herpes", "measles", "mumps", "rabies", "scabies", "tetanus", "lupus", "mellitus",
        "insipidus", "status", "virus", "uterus", "fetus", "pancreas", "psoriasis", "sepsis", "stenosis",
        "series", "species", "gas", "bis", "tris", "ms", "mrs", "has", "was", "is", "this", "its", "plus",
        "nephrosis", "fibrosis", "necrosis", "thrombosis", "cirrhosis", "osis", "itis", "mucus",
    };

    public static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        var space = true;
        foreach (var raw in text)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(raw) == UnicodeCategory.NonSpacingMark) continue;
            var c = char.ToLowerInvariant(raw);
            if (Latin.TryGetValue(c, out var plain))
            {
                sb.Append(plain);
                space = false;
            }
            else if (Greek.TryGetValue(c, out var name))
            {
                // "α-blocker" and "alpha blocker" meet; a Greek letter inside a word starts a new one.
                if (!space) sb.Append(' ');
                sb.Append(name).Append(' ');
                space = true;
            }
            else if (char.IsLetterOrDigit(c))
            {
                sb.Append(c);
                space = false;
            }
            else if (!space)
            {
                sb.Append(' ');
                space = true;
            }
        }
        var words = sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length; i++) words[i] = American(Singular(words[i]));
        return string.Join(' ', words);
    }

    private static string American(string w)
    {
        if (w.Length < 4 || !w.Any(char.IsLetter)) return w;
        if (w.Contains("ae", StringComparison.Ordinal) && !w.EndsWith("ae", StringComparison.Ordinal)) w = w.Replace("ae", "e", StringComparison.Ordinal);
        if (w.StartsWith("oe", StringComparison.Ordinal) || w.Contains("hoe", StringComparison.Ordinal) || w.StartsWith("foet", StringComparison.Ordinal) || w.StartsWith("coel", StringComparison.Ordinal))
            w = w.Replace("oe", "e", StringComparison.Ordinal);
        if (w.Contains("sulph", StringComparison.Ordinal)) w = w.Replace("sulph", "sulf", StringComparison.Ordinal);
        if (w.EndsWith("our", StringComparison.Ordinal) && w.Length > 5) w = w[..^3] + "or";
        if (w.Contains("isation", StringComparison.Ordinal)) w = w.Replace("isation", "ization", StringComparison.Ordinal);
        return w;
    }

    private static string Singular(string w)
    {
        if (w.Length < 4 || !char.IsLetter(w[^1]) || KeepS.Contains(w)) return w;
        if (w.EndsWith("ies", StringComparison.Ordinal) && w.Length > 4) return w[..^3] + "y";
        if (w.EndsWith("sses", StringComparison.Ordinal) || w.EndsWith("xes", StringComparison.Ordinal) || w.EndsWith("ches", StringComparison.Ordinal) || w.EndsWith("shes", StringComparison.Ordinal))
            return w[..^2];
        if (w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal) && !w.EndsWith("us", StringComparison.Ordinal) && !w.EndsWith("is", StringComparison.Ordinal))
            return w[..^1];
        return w;
    }
}
