using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Tagging;
using Asclepius.TextMining.Core.Text;

namespace Asclepius.TextMining.Ner.Training;

/// <summary>
/// A corpus checked and turned into tagged sentences, the common input of every NER trainer.
/// Rejected with ATM401 (naming the document and entity): an empty corpus, an entity past the end of its
/// text, an empty label, a duplicate document id, and a training corpus without any entity.
/// Entities that do not align to token boundaries are counted and their tokens marked missing, never
/// snapped to a boundary (<see cref="TagCodec"/>).
/// </summary>
public sealed class NerTrainingSet
{
    private NerTrainingSet(string role, IReadOnlyList<AnnotatedDocument> documents, IReadOnlyList<TaggedSentence> sentences,
        IReadOnlyList<AlignmentProblem> problems, TagScheme scheme)
    {
        Role = role;
        Documents = documents;
        Sentences = sentences;
        Problems = problems;
        Scheme = scheme;
        Labels = documents.SelectMany(d => d.Entities).Select(e => e.Label).Distinct().Order(StringComparer.Ordinal).ToArray();
        EntitiesByLabel = documents.SelectMany(d => d.Entities).GroupBy(e => e.Label)
            .OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());
    }

    public string Role { get; }
    public TagScheme Scheme { get; }
    public IReadOnlyList<AnnotatedDocument> Documents { get; }
    public IReadOnlyList<TaggedSentence> Sentences { get; }
    public IReadOnlyList<AlignmentProblem> Problems { get; }
    public IReadOnlyList<string> Labels { get; }
    public IReadOnlyDictionary<string, int> EntitiesByLabel { get; }

    public int EntityCount => EntitiesByLabel.Values.Sum();
    public int TokenCount => Sentences.Sum(s => s.Tokens.Count);
    public int Count(AlignmentProblemKind kind) => Problems.Count(p => p.Kind == kind);

    /// <summary>
    /// Checks and tags a corpus. <paramref name="role"/> ("train", "dev") and <paramref name="source"/>
    /// (a path) only make error messages clear. <paramref name="requireEntities"/>: refuse a corpus
    /// without any entity (training); a dev corpus may legitimately have none.
    /// </summary>
    public static NerTrainingSet Build(IReadOnlyList<AnnotatedDocument> documents, TagScheme scheme, string role, string? source = null,
        bool requireEntities = true, CancellationToken cancellationToken = default)
    {
        Validate(documents, role, source, requireEntities);
        var sentences = new List<TaggedSentence>();
        var problems = new List<AlignmentProblem>();
        foreach (var doc in documents)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var tokenized = ClinicalTokenizer.Default.Tokenize(doc.Text);
            var encoding = TagCodec.Encode(tokenized.Tokens, doc.Entities, scheme);
            problems.AddRange(encoding.Problems);
            var missing = new bool[tokenized.Tokens.Count];
            foreach (var p in encoding.Problems)
            {
                if (p.Kind == AlignmentProblemKind.Overlapping) continue; // the longer entity is tagged
                foreach (var tok in tokenized.Tokens)
                    if (tok.Span.Overlaps(p.Entity.Span)) missing[tok.Index] = true;
            }
            foreach (var s in tokenized.Sentences)
            {
                if (s.Tokens.Count == 0) continue;
                var first = s.FirstToken;
                sentences.Add(new TaggedSentence(doc.Id, s.Tokens, encoding.Tags[first..(first + s.Tokens.Count)], missing[first..(first + s.Tokens.Count)]));
            }
        }
        return new NerTrainingSet(role, documents, sentences, problems, scheme);
    }

    /// <summary>
    /// The checks of <see cref="Build"/> without tokenizing: for trainers that tokenize on their own and must
    /// refuse the same corpora with the same ATM401 messages.
    /// </summary>
    public static void Validate(IReadOnlyList<AnnotatedDocument> documents, string role, string? source = null, bool requireEntities = true)
    {
        var where = source ?? $"{role} corpus";
        if (documents.Count == 0)
            throw new TextMiningException(ErrorCodes.TrainingDataInvalid, $"the {role} corpus has no documents", where);

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var doc in documents)
        {
            if (!ids.Add(doc.Id))
                throw new TextMiningException(ErrorCodes.TrainingDataInvalid, $"document id '{doc.Id}' appears twice in the {role} corpus", where);
            foreach (var e in doc.Entities)
            {
                if (!e.Span.FitsIn(doc.Text.Length))
                    throw new TextMiningException(ErrorCodes.TrainingDataInvalid,
                        $"document {doc.Id}: entity {e.Id} {e.Span} ends past the end of the text ({doc.Text.Length} characters)", where);
                if (string.IsNullOrWhiteSpace(e.Label) || e.Label == TagCodec.Outside || e.Label.Any(char.IsWhiteSpace))
                    throw new TextMiningException(ErrorCodes.TrainingDataInvalid,
                        $"document {doc.Id}: entity {e.Id} {e.Span} has label '{e.Label}'; a label must be non-empty, not 'O' and without spaces", where);
            }
        }
        if (requireEntities && documents.All(d => d.Entities.Count == 0))
            throw new TextMiningException(ErrorCodes.TrainingDataInvalid, $"the {role} corpus has {documents.Count} documents but no entities: nothing to learn", where);
    }
}
