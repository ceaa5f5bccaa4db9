using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Tagging;
using Asclepius.TextMining.Core.Text;

namespace Asclepius.TextMining.Ner.Training;

/// <summary>
/// Training documents as the neural trainers read them: tokens from <see cref="ClinicalTokenizer"/> and BILOU tags from
/// <see cref="TagCodec"/>; entities the codec cannot encode are counted by kind (examples name document ids and offsets,
/// never text) and left untagged, never moved.
/// </summary>
internal sealed record BilouCorpus(
    IReadOnlyList<(TokenizedText Tokens, string[] Tags)> Documents,
    IReadOnlyDictionary<AlignmentProblemKind, int> Problems,
    IReadOnlyList<string> Examples,
    string[] Labels)
{
    private const int MaxAlignmentExamples = 20;

    /// <summary>Tags <paramref name="train"/>; ATM401 when no entity at all could be tagged.</summary>
    public static BilouCorpus Tag(IReadOnlyList<AnnotatedDocument> train, CancellationToken cancellationToken)
    {
        var problems = new Dictionary<AlignmentProblemKind, int>();
        var examples = new List<string>();
        var tagged = new List<(TokenizedText Tokens, string[] Tags)>(train.Count);
        foreach (var doc in train)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var tokens = ClinicalTokenizer.Default.Tokenize(doc.Text);
            var encoding = TagCodec.Encode(tokens.Tokens, doc.Entities, TagScheme.Bilou);
            foreach (var p in encoding.Problems)
            {
                problems[p.Kind] = problems.GetValueOrDefault(p.Kind) + 1;
                if (examples.Count < MaxAlignmentExamples) examples.Add($"{doc.Id}: {p.Reason}");
            }
            tagged.Add((tokens, encoding.Tags));
        }
        var labels = tagged.SelectMany(t => t.Tags).Where(t => t != TagCodec.Outside)
            .Select(t => TagCodec.SplitTag(t).Type).Distinct().Order(StringComparer.Ordinal).ToArray();
        if (labels.Length == 0)
            throw new TextMiningException(ErrorCodes.TrainingDataInvalid,
                $"no entity in the {train.Count} training documents could be tagged ({train.Sum(d => d.Entities.Count)} entities, {problems.Values.Sum()} not aligned to tokens)");
        return new BilouCorpus(tagged, problems, examples, labels);
    }
}
