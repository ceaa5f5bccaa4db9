using Asclepius.TextMining.Core.Components;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Evaluation;
using Asclepius.TextMining.Core.Text;

namespace Asclepius.TextMining.Core.Context.Evaluation;

/// <summary>
/// Scores predicted assertion flags against gold ones, mention by mention (the same mentions: gold
/// entities are given to the rules, so this measures assertions alone, as the NegEx/ConText test kit does).
/// Where a gold corpus keeps the raw ConText labels (NegEx kit metadata "temporality", "experiencer"),
/// they define the gold class, so "Other" experiencers are scored as the set has them. Not thread-safe.
/// </summary>
public sealed class AssertionEvaluator
{
    public static readonly string[] NegationClasses = ["Affirmed", "Negated"];
    public static readonly string[] TemporalityClasses = ["Recent", "Historical", "Not particular"];
    public static readonly string[] ExperiencerClasses = ["Patient", "Family member", "Other"];

    private readonly Dictionary<Assertions, int[]> _flags = AssertionScores.ScoredFlags.ToDictionary(f => f, _ => new int[4]);
    private readonly Dictionary<(string, string), int> _negation = new();
    private readonly Dictionary<(string, string), int> _temporality = new();
    private readonly Dictionary<(string, string), int> _experiencer = new();
    private readonly List<AssertionError> _errors = new();
    private int _mentions;

    /// <summary>
    /// Scores annotators (sections, then assertion rules) on gold mentions, as the NegEx/ConText kit is
    /// meant to be used: each document's gold entities, stripped of their flags and section, go through the
    /// annotators in order, and the flags they come back with are compared with gold.
    /// </summary>
    public static AssertionScores Run(IEnumerable<AnnotatedDocument> gold, IReadOnlyList<IEntityAnnotator> annotators, CancellationToken cancellationToken = default)
    {
        var evaluator = new AssertionEvaluator();
        foreach (var doc in gold)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (doc.Entities.Count == 0) continue;
            var tokens = ClinicalTokenizer.Default.Tokenize(doc.Text);
            IReadOnlyList<Entity> entities = doc.Entities.Select(e => e with { Assertions = Assertions.None, Section = null }).ToArray();
            foreach (var a in annotators) entities = a.Annotate(doc.Document, tokens, entities);
            evaluator.Add(doc, entities);
        }
        return evaluator.Result();
    }

    /// <summary>Adds the flags of predicted mentions that match a gold mention exactly (span and label); unmatched mentions are entity errors, scored elsewhere.</summary>
    public void AddMatched(DocumentPair pair)
    {
        foreach (var m in EntityMatcher.Match(pair.Gold.Entities, pair.Predicted.Entities, EntityMatchMode.Strict).Matches)
            Add(pair.Gold, m.Gold, m.Predicted.Assertions);
    }

    /// <summary>Adds every gold entity of a document with the prediction for the same mention (same id).</summary>
    public void Add(AnnotatedDocument gold, IReadOnlyList<Entity> predicted)
    {
        var byId = predicted.ToDictionary(e => e.Id, StringComparer.Ordinal);
        foreach (var g in gold.Entities)
        {
            var p = byId.TryGetValue(g.Id, out var e) ? e.Assertions : Assertions.None;
            Add(gold, g, p);
        }
    }

    public void Add(AnnotatedDocument document, Entity gold, Assertions predicted)
    {
        _mentions++;
        foreach (var flag in AssertionScores.ScoredFlags)
        {
            var g = gold.Assertions.HasFlag(flag);
            var p = predicted.HasFlag(flag);
            var cell = g ? (p ? 0 : 2) : (p ? 1 : 3); // tp, fp, fn, tn
            _flags[flag][cell]++;
            if (g != p)
                _errors.Add(new AssertionError(document.Id, document.Text, gold.Span, gold.Label, flag, FalsePositive: p, gold.Assertions, predicted));
        }
        Count(_negation, Negation(gold.Assertions), Negation(predicted));
        Count(_temporality, RawOr(document, "temporality", TemporalityClasses) ?? Temporality(gold.Assertions), Temporality(predicted));
        Count(_experiencer, RawOr(document, "experiencer", ExperiencerClasses) ?? Experiencer(gold.Assertions), Experiencer(predicted));
    }

    public AssertionScores Result() => new(
        _mentions,
        _flags.ToDictionary(p => p.Key, p => new FlagScore(p.Value[0], p.Value[1], p.Value[2], p.Value[3])),
        Classes(_negation, NegationClasses),
        Classes(_temporality, TemporalityClasses),
        Classes(_experiencer, ExperiencerClasses),
        _errors.ToArray());

    public static string Negation(Assertions a) => a.HasFlag(Assertions.Negated) ? "Negated" : "Affirmed";

    /// <summary>Hypothetical wins over historical: "call if the pain comes back" is about no time at all.</summary>
    public static string Temporality(Assertions a) =>
        a.HasFlag(Assertions.Hypothetical) ? "Not particular" : a.HasFlag(Assertions.Historical) ? "Historical" : "Recent";

    public static string Experiencer(Assertions a) => a.HasFlag(Assertions.Family) ? "Family member" : "Patient";

    private static string? RawOr(AnnotatedDocument doc, string key, string[] classes)
    {
        if (!doc.Document.Meta.TryGetValue(key, out var raw)) return null;
        raw = raw.Trim();
        return classes.FirstOrDefault(c => string.Equals(c, raw, StringComparison.OrdinalIgnoreCase));
    }

    private static void Count(Dictionary<(string, string), int> m, string gold, string predicted) =>
        m[(gold, predicted)] = m.TryGetValue((gold, predicted), out var n) ? n + 1 : 1;

    private static ClassScores Classes(Dictionary<(string, string), int> m, string[] classes)
    {
        var total = m.Values.Sum();
        var correct = m.Where(p => p.Key.Item1 == p.Key.Item2).Sum(p => p.Value);
        var per = new Dictionary<string, FlagScore>();
        foreach (var c in classes)
        {
            var tp = m.TryGetValue((c, c), out var x) ? x : 0;
            var fp = m.Where(p => p.Key.Item2 == c && p.Key.Item1 != c).Sum(p => p.Value);
            var fn = m.Where(p => p.Key.Item1 == c && p.Key.Item2 != c).Sum(p => p.Value);
            per[c] = new FlagScore(tp, fp, fn, total - tp - fp - fn);
        }
        return new ClassScores(total == 0 ? 1 : correct / (double)total, classes, per, m.ToDictionary(p => p.Key, p => p.Value));
    }
}
