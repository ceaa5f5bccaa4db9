using Asclepius.TextMining.Core.Context.Evaluation;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Evaluation;

namespace Asclepius.TextMining.Cli.Reports;

/// <summary>
/// Turns scores into an <see cref="EvaluationReport"/>: entity and relation score charts, an entity-level
/// label confusion matrix (exact span, then largest overlap; "none" where a mention is on one side only),
/// assertion flag scores with the ConText class matrices, the package's training curve, and every error
/// with the document text it sits in.
/// </summary>
public sealed class EvaluationReportBuilder
{
    private readonly List<(string, string)> _facts = new();
    private readonly List<ScoreGroup> _scores = new();
    private readonly List<ConfusionMatrix> _confusions = new();
    private readonly List<ReportError> _errors = new();
    private TrainingCurve? _curve;

    public EvaluationReportBuilder(string title) => Title = title;

    public string Title { get; }

    public EvaluationReportBuilder Fact(string key, string value)
    {
        _facts.Add((key, value));
        return this;
    }

    public EvaluationReportBuilder WithCurve(TrainingCurve? curve)
    {
        _curve = curve;
        return this;
    }

    /// <summary>Entity (and relation) scores, the label confusion matrix and the entity errors of paired documents.</summary>
    public EvaluationReportBuilder AddEntities(IReadOnlyList<DocumentPair> pairs, EvaluationResult result)
    {
        _scores.Add(Group("entities-strict", "Entities (strict: exact span and label)", result.Entities.Strict));
        _scores.Add(Group("entities-lenient", "Entities (lenient: overlapping span, same label)", result.Entities.Lenient));
        if (result.Relations is { } rel) _scores.Add(Group("relations", "Relations (strict)", rel.Strict));

        var counts = new Dictionary<(string, string), int>();
        var labels = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            foreach (var (g, p) in AlignForConfusion(pair.Gold.Entities, pair.Predicted.Entities))
            {
                var gl = g?.Label ?? ConfusionMatrix.None;
                var pl = p?.Label ?? ConfusionMatrix.None;
                if (g is not null) labels.Add(g.Label);
                if (p is not null) labels.Add(p.Label);
                counts[(gl, pl)] = counts.TryGetValue((gl, pl), out var n) ? n + 1 : 1;
            }

            var strict = EntityMatcher.Match(pair.Gold.Entities, pair.Predicted.Entities, EntityMatchMode.Strict);
            var spurious = strict.Spurious.ToList();
            foreach (var g in strict.Missed)
            {
                var same = spurious.FirstOrDefault(p => p.Span == g.Span);
                if (same is not null)
                {
                    spurious.Remove(same);
                    _errors.Add(new ReportError(pair.Id, "label", g.Label, g.Span.Start, g.Span.End, pair.Gold.Text, $"gold {g.Label}, predicted {same.Label}"));
                }
                else _errors.Add(new ReportError(pair.Id, "FN", g.Label, g.Span.Start, g.Span.End, pair.Gold.Text, $"missed {g.Label}"));
            }
            foreach (var p in spurious)
                _errors.Add(new ReportError(pair.Id, "FP", p.Label, p.Span.Start, p.Span.End, pair.Gold.Text, $"predicted {p.Label}, not in gold"));
        }
        var order = labels.Append(ConfusionMatrix.None).ToArray();
        _confusions.Add(new ConfusionMatrix("entity-confusion", "Entity label confusion", order, counts,
            "Rows: gold label; columns: predicted label. Mentions are paired by exact span, then by largest overlap; \"none\": a mention on one side only."));
        return this;
    }

    /// <summary>Assertion flag scores, the negation / temporality / experiencer matrices and the assertion errors.</summary>
    public EvaluationReportBuilder AddAssertions(AssertionScores scores, IReadOnlyList<AnnotatedDocument>? documents = null)
    {
        var rows = AssertionScores.ScoredFlags
            .Select(f => (Flag: f, Score: scores.Flags[f]))
            .Select(x => new ScoreRow(AssertionScores.FlagName(x.Flag), x.Score.Precision, x.Score.Recall, x.Score.F1,
                x.Score.TruePositives, x.Score.FalsePositives, x.Score.FalseNegatives))
            .ToArray();
        _scores.Add(new ScoreGroup("assertions", "Assertions (per flag, on gold mentions)", rows,
            $"{scores.Mentions} mentions. A flag's scores count the mentions that carry it; with no such mention in gold (support 0) they are 0 by convention."));
        _confusions.Add(Matrix("negation", "Negation", scores.Negation));
        _confusions.Add(Matrix("temporality", "Temporality", scores.Temporality));
        _confusions.Add(Matrix("experiencer", "Experiencer", scores.Experiencer));
        foreach (var e in scores.Errors)
        {
            var name = AssertionScores.FlagName(e.Flag);
            _errors.Add(new ReportError(e.DocumentId, $"assertion-{name}", e.Label, e.Span.Start, e.Span.End, e.Text,
                e.FalsePositive ? $"{name} predicted, not in gold" : $"{name} missed"));
        }
        return this;
    }

    public EvaluationReport Build() => new(Title, _facts.ToArray(), _scores.ToArray(), _confusions.ToArray(), _curve, _errors.ToArray());

    private static ConfusionMatrix Matrix(string id, string title, ClassScores c) =>
        new(id, $"{title} (accuracy {c.Accuracy:P1})", c.Classes, c.Confusion, "Rows: gold class; columns: predicted class.");

    private static ScoreGroup Group(string id, string title, ScoreTable table)
    {
        var rows = table.Labels.Select(p => Row(p.Key, p.Value)).ToList();
        rows.Add(Row("micro", table.Micro) with { IsSummary = true });
        rows.Add(new ScoreRow("macro", table.Macro.Precision, table.Macro.Recall, table.Macro.F1, 0, 0, 0, IsSummary: true));
        return new ScoreGroup(id, title, rows);
    }

    private static ScoreRow Row(string name, PrfScore s) =>
        new(name, s.Precision, s.Recall, s.F1, s.TruePositives, s.FalsePositives, s.FalseNegatives);

    /// <summary>Pairs mentions one to one: exact spans first, then the largest overlaps; the rest pair with nothing.</summary>
    internal static IEnumerable<(Entity? Gold, Entity? Predicted)> AlignForConfusion(IReadOnlyList<Entity> gold, IReadOnlyList<Entity> predicted)
    {
        var freeP = predicted.ToList();
        var leftG = new List<Entity>();
        foreach (var g in gold)
        {
            var same = freeP.FirstOrDefault(p => p.Span == g.Span);
            if (same is null) { leftG.Add(g); continue; }
            freeP.Remove(same);
            yield return (g, same);
        }
        var candidates = leftG
            .SelectMany(g => freeP.Where(p => p.Span.Overlaps(g.Span)).Select(p => (g, p, Overlap(g.Span, p.Span))))
            .OrderByDescending(x => x.Item3).ToList();
        var usedG = new HashSet<Entity>(ReferenceEqualityComparer.Instance);
        var usedP = new HashSet<Entity>(ReferenceEqualityComparer.Instance);
        foreach (var (g, p, _) in candidates)
        {
            if (usedG.Contains(g) || usedP.Contains(p)) continue;
            usedG.Add(g);
            usedP.Add(p);
            yield return (g, p);
        }
        foreach (var g in leftG) if (!usedG.Contains(g)) yield return (g, null);
        foreach (var p in freeP) if (!usedP.Contains(p)) yield return (null, p);
    }

    private static int Overlap(TextSpan a, TextSpan b) => Math.Min(a.End, b.End) - Math.Max(a.Start, b.Start);
}
