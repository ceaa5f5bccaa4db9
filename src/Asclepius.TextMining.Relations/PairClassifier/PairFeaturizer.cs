using System.Text;
using Asclepius.TextMining.Core.Text;

namespace Asclepius.TextMining.Relations.PairClassifier;

/// <summary>
/// Turns a candidate pair into sparse binary features. The pair is shown with typed markers: the text
/// between the two mentions is read as "[HeadLabel] w1 w2 … [TailLabel]" (or tail first), so "induced"
/// between a Chemical and a Disease is a different feature from "induced" elsewhere.
/// Features: label pair and order; token and sentence distance buckets; bag of words and bigrams between
/// (first and last <see cref="MaxBetween"/> tokens when far apart); first/last word between; the whole
/// between-string when short; two words around each mention; mention texts and their pair; other
/// mentions between; trigger words (a small fixed list of causal and associative cues) between.
/// </summary>
public sealed class PairFeaturizer(FeatureHasher hasher)
{
    public const int MaxBetween = 10;

    private static readonly HashSet<string> Triggers = new(StringComparer.Ordinal)
    {
        "induced", "induce", "induces", "inducing", "induction", "caused", "cause", "causes", "causing", "due", "secondary",
        "after", "following", "associated", "association", "related", "attributed", "developed", "develop", "resulted",
        "produced", "produce", "toxicity", "treated", "treatment", "therapy", "prevent", "prevented", "reduced", "protect",
        "against", "risk", "linked", "correlated", "polymorphism", "mutation", "susceptibility", "inhibitor", "inhibits",
        "inhibited", "activates", "agonist", "antagonist", "substrate", "interaction", "increased", "decreased", "not", "no",
    };

    public int[] Featurize(TokenizedText tokens, RelationCandidate c, MentionIndex otherMentions)
    {
        var f = new HashSet<int>();
        var toks = tokens.Tokens;
        var headFirst = c.HeadFirstInText;
        var (aFirst, aLast, bFirst, bLast) = headFirst
            ? (c.HeadFirst, c.HeadLast, c.TailFirst, c.TailLast)
            : (c.TailFirst, c.TailLast, c.HeadFirst, c.HeadLast);
        var aLabel = headFirst ? c.Head.Label : c.Tail.Label;
        var bLabel = headFirst ? c.Tail.Label : c.Head.Label;
        var dir = headFirst ? "HT" : "TH";
        var types = $"{c.Head.Label}>{c.Tail.Label}";

        Add(f, "types", types);
        Add(f, "order", $"{types}|{dir}");
        var gap = Math.Max(0, bFirst - aLast - 1);
        Add(f, "dist", $"{dir}|{Bucket(gap)}");
        Add(f, "sent", c.SentenceDistance == 0 ? "same" : c.SentenceDistance == 1 ? "next" : "far");

        // Between, with typed markers at both ends.
        var between = new List<string>();
        if (gap <= 2 * MaxBetween)
            for (var i = aLast + 1; i < bFirst; i++) between.Add(Norm(toks[i].Text));
        else
        {
            for (var i = aLast + 1; i <= aLast + MaxBetween; i++) between.Add(Norm(toks[i].Text));
            between.Add("…");
            for (var i = bFirst - MaxBetween; i < bFirst; i++) between.Add(Norm(toks[i].Text));
        }
        if (between.Count == 0) Add(f, "bnone", dir);
        else
        {
            Add(f, "bfirst", $"{dir}|{between[0]}");
            Add(f, "blast", $"{dir}|{between[^1]}");
        }
        for (var i = 0; i < between.Count; i++)
        {
            Add(f, "bw", between[i]);
            Add(f, "bwd", $"{dir}|{between[i]}");
            if (Triggers.Contains(between[i])) Add(f, "trig", $"{types}|{dir}|{between[i]}");
            var prev = i == 0 ? $"[{aLabel}]" : between[i - 1];
            Add(f, "bb", $"{prev}_{between[i]}");
        }
        if (between.Count > 0) Add(f, "bb", $"{between[^1]}_[{bLabel}]");
        if (gap <= 6) Add(f, "bstr", $"[{aLabel}] {string.Join(' ', between)} [{bLabel}]");

        // Context around the pair.
        for (var k = 1; k <= 2; k++)
        {
            Add(f, $"before{k}", aFirst - k >= 0 ? Norm(toks[aFirst - k].Text) : "<s>");
            Add(f, $"after{k}", bLast + k < toks.Count ? Norm(toks[bLast + k].Text) : "</s>");
        }

        // The mentions themselves.
        var headText = MentionText(toks, c.HeadFirst, c.HeadLast);
        var tailText = MentionText(toks, c.TailFirst, c.TailLast);
        Add(f, "head", headText);
        Add(f, "tail", tailText);
        Add(f, "pair", $"{headText}|{tailText}");
        Add(f, "headlast", Norm(toks[c.HeadLast].Text));
        Add(f, "taillast", Norm(toks[c.TailLast].Text));

        // The rest of the sentence(s) the pair sits in: cue words outside the span between ("no association
        // was found between X and Y" puts the cue before both mentions).
        if (c.SentenceDistance == 0)
        {
            var sentence = tokens.Sentences[c.HeadSentence];
            foreach (var t in sentence.Tokens)
            {
                if ((t.Index >= aFirst && t.Index <= aLast) || (t.Index >= bFirst && t.Index <= bLast)) continue;
                var w = Norm(t.Text);
                var where = t.Index < aFirst ? "L" : t.Index > bLast ? "R" : "M";
                Add(f, "sw", $"{where}|{w}");
                if (Triggers.Contains(w)) Add(f, "strig", $"{types}|{where}|{w}");
            }
        }

        // Other mentions between the two.
        var othersBetween = otherMentions.CountBetween(aLast, bFirst, cap: 3);
        Add(f, "others", othersBetween switch { 0 => "0", 1 => "1", 2 => "2", _ => "3+" });

        var result = f.ToArray();
        Array.Sort(result);
        return result;
    }

    private void Add(HashSet<int> f, string prefix, string value) => f.Add(hasher.Index(prefix, value));

    private static string MentionText(IReadOnlyList<Token> toks, int first, int last)
    {
        var sb = new StringBuilder();
        for (var i = first; i <= last; i++)
        {
            if (i > first) sb.Append(' ');
            sb.Append(Norm(toks[i].Text));
        }
        return sb.ToString();
    }

    /// <summary>Lower case with digits folded to 0, so "5mg" and "10mg" share a feature.</summary>
    public static string Norm(string token)
    {
        Span<char> buf = token.Length <= 64 ? stackalloc char[token.Length] : new char[token.Length];
        for (var i = 0; i < token.Length; i++)
        {
            var ch = token[i];
            buf[i] = char.IsDigit(ch) ? '0' : char.ToLowerInvariant(ch);
        }
        return new string(buf);
    }

    private static string Bucket(int n) => n switch
    {
        <= 4 => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
        <= 7 => "5-7",
        <= 10 => "8-10",
        <= 15 => "11-15",
        <= 25 => "16-25",
        <= 50 => "26-50",
        _ => "51+",
    };
}
