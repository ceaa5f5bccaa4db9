using Asclepius.TextMining.Generation.Contracts;

namespace Asclepius.TextMining.Generation.Llm;

/// <summary>
/// Enforces a prompt's hard negatives: a sentence that labels one of the words the prompt listed as never
/// an entity (<see cref="Prompts.HardNegatives"/>) is dropped as "labeled_negative". Dropping the whole
/// sentence, not just the entity, because a model that labels a listed non-entity has misread the task,
/// and the rest of its labels in that sentence are not to be trusted either.
/// </summary>
public static class NegativeCheck
{
    public const string LabeledNegative = "labeled_negative";

    public static List<CandidateSample> KeepUnlabeled(IReadOnlyList<CandidateSample> samples, IReadOnlyList<string> negatives, Dictionary<string, int> rejected)
    {
        if (negatives.Count == 0) return samples.ToList();
        var listed = new HashSet<string>(negatives.Select(n => n.Trim()), StringComparer.OrdinalIgnoreCase);
        var kept = new List<CandidateSample>(samples.Count);
        foreach (var s in samples)
        {
            if (s.Entities.Any(e => listed.Contains(e.Text.Trim()))) rejected[LabeledNegative] = rejected.GetValueOrDefault(LabeledNegative) + 1;
            else kept.Add(s);
        }
        return kept;
    }
}
