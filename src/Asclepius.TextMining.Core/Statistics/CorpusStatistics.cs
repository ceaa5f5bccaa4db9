using System.Collections.Immutable;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Tagging;
using Asclepius.TextMining.Core.Text;

namespace Asclepius.TextMining.Core.Statistics;

/// <summary>
/// Counts over a corpus: documents, sentences and tokens (from <see cref="ClinicalTokenizer"/>), entities
/// and relations per label, and the entities <see cref="TagCodec"/> cannot tag against those tokens
/// (misaligned: a boundary inside a token; overlapping: dropped by keep-longest; empty: no token).
/// <see cref="ReadProblems"/> is the number of records a lenient read skipped.
/// </summary>
public sealed record CorpusStatistics(
    int Documents,
    int Sentences,
    int Tokens,
    ImmutableSortedDictionary<string, int> Entities,
    ImmutableSortedDictionary<string, int> Relations,
    int Misaligned,
    int Overlapping,
    int Empty,
    int ReadProblems,
    IReadOnlyList<AlignmentExample> AlignmentExamples)
{
    public const int MaxExamples = 20;

    public int EntityCount => Entities.Values.Sum();
    public int RelationCount => Relations.Values.Sum();

    /// <summary>Streams the documents once; holds only counts and the first <see cref="MaxExamples"/> problems.</summary>
    public static CorpusStatistics Compute(IEnumerable<AnnotatedDocument> documents, ClinicalTokenizer? tokenizer = null, int readProblems = 0)
    {
        tokenizer ??= ClinicalTokenizer.Default;
        int docs = 0, sentences = 0, tokens = 0, misaligned = 0, overlapping = 0, empty = 0;
        var entities = new Dictionary<string, int>(StringComparer.Ordinal);
        var relations = new Dictionary<string, int>(StringComparer.Ordinal);
        var examples = new List<AlignmentExample>();

        foreach (var doc in documents)
        {
            docs++;
            var tokenized = tokenizer.Tokenize(doc.Text);
            sentences += tokenized.Sentences.Count;
            tokens += tokenized.Tokens.Count;
            foreach (var e in doc.Entities) entities[e.Label] = entities.GetValueOrDefault(e.Label) + 1;
            foreach (var r in doc.Relations) relations[r.Label] = relations.GetValueOrDefault(r.Label) + 1;

            // In text order (the codec reports in its keep-longest order).
            foreach (var problem in TagCodec.Encode(tokenized.Tokens, doc.Entities, TagScheme.Bilou).Problems.OrderBy(p => p.Entity.Span.Start).ThenBy(p => p.Entity.Span.End))
            {
                switch (problem.Kind)
                {
                    case AlignmentProblemKind.Misaligned: misaligned++; break;
                    case AlignmentProblemKind.Overlapping: overlapping++; break;
                    default: empty++; break;
                }
                if (examples.Count < MaxExamples)
                    examples.Add(new AlignmentExample(doc.Id, problem.Entity.Id, problem.Entity.Span, problem.Entity.Label, problem.Kind));
            }
        }

        return new CorpusStatistics(docs, sentences, tokens,
            entities.ToImmutableSortedDictionary(StringComparer.Ordinal),
            relations.ToImmutableSortedDictionary(StringComparer.Ordinal),
            misaligned, overlapping, empty, readProblems, examples);
    }
}
