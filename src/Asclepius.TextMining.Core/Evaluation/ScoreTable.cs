using System.Collections.Immutable;

namespace Asclepius.TextMining.Core.Evaluation;

/// <summary>Scores per label (ordinal order) with their micro sum and macro mean.</summary>
public sealed record ScoreTable(PrfScore Micro, MacroScore Macro, ImmutableSortedDictionary<string, PrfScore> Labels)
{
    public static readonly ScoreTable Empty = From(ImmutableSortedDictionary<string, PrfScore>.Empty);

    public static ScoreTable From(IEnumerable<KeyValuePair<string, PrfScore>> perLabel)
    {
        var labels = perLabel.ToImmutableSortedDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var micro = labels.Values.Aggregate(PrfScore.Zero, (sum, s) => sum.Add(s));
        return new ScoreTable(micro, MacroScore.Of(labels.Values), labels);
    }

    public PrfScore this[string label] => Labels.TryGetValue(label, out var s) ? s : PrfScore.Zero;
}
