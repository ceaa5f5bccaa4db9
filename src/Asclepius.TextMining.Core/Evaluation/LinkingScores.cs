using System.Text.Json.Nodes;

namespace Asclepius.TextMining.Core.Evaluation;

/// <summary>
/// Concept linking scores (<see cref="LinkingEvaluator"/>). Mention level: of the gold mentions that carry a
/// concept id and that the prediction has at the same offsets and label, how many got one of the gold ids
/// (no concept counts as wrong); <see cref="InVocabulary"/> the same on the mentions whose gold concept the
/// vocabulary holds, when a vocabulary was given. Document level: per label, the set of concept ids of a
/// document's predicted mentions against the gold set (BioCreative V's disease normalization measure).
/// </summary>
public sealed record LinkingScores(
    int GoldMentions,
    int Matched,
    int Linked,
    int Correct,
    (int Mentions, int Correct)? InVocabulary,
    ScoreTable Documents)
{
    public double Accuracy => Matched == 0 ? 0 : (double)Correct / Matched;

    public double InVocabularyAccuracy => InVocabulary is { Mentions: > 0 } v ? (double)v.Correct / v.Mentions : 0;

    public JsonObject ToJson()
    {
        var o = new JsonObject
        {
            ["gold_mentions_with_concept"] = GoldMentions,
            ["matched_mentions"] = Matched,
            ["linked"] = Linked,
            ["correct"] = Correct,
            ["accuracy"] = Math.Round(Accuracy, 4),
        };
        if (InVocabulary is { } v)
        {
            o["in_vocabulary_mentions"] = v.Mentions;
            o["in_vocabulary_correct"] = v.Correct;
            o["in_vocabulary_accuracy"] = Math.Round(InVocabularyAccuracy, 4);
        }
        o["document_concepts"] = EvaluationJson.ToJson(Documents);
        return o;
    }
}
