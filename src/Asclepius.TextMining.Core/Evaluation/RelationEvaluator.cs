using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;

namespace Asclepius.TextMining.Core.Evaluation;

/// <summary>
/// Relation scoring, mention level (strict) and document level (concept pairs).
/// Document level: a relation becomes (head concept, tail concept, label) within its document, where a
/// concept is <see cref="Relation.HeadConcept"/> / <see cref="Relation.TailConcept"/> when set and
/// otherwise the argument entity's text, lower-cased with whitespace runs collapsed. Each side is a set
/// per document, so a pair predicted from three mention pairs counts once.
/// </summary>
public static class RelationEvaluator
{
    public static RelationScores Evaluate(IEnumerable<DocumentPair> pairs)
    {
        var strict = new PrfAccumulator();
        var documentLevel = new PrfAccumulator();
        foreach (var pair in pairs)
        {
            CountStrict(pair, strict);
            CountDocumentLevel(pair, documentLevel);
        }
        return new RelationScores(strict.ToTable(), documentLevel.ToTable());
    }

    /// <summary>The concept a document-level relation argument stands for (see the class summary).</summary>
    public static string ConceptOf(AnnotatedDocument document, string? concept, string entityId, string relationId) =>
        ConceptOf(document, EntitiesById(document), concept, entityId, relationId);

    public static string NormalizeText(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();

    private static void CountStrict(DocumentPair pair, PrfAccumulator counts)
    {
        var open = new Dictionary<MentionKey, int>();
        var predEntities = EntitiesById(pair.Predicted);
        foreach (var r in pair.Predicted.Relations)
        {
            var key = MentionKeyOf(pair.Predicted, predEntities, r);
            open[key] = open.GetValueOrDefault(key) + 1;
        }
        var goldEntities = EntitiesById(pair.Gold);
        foreach (var r in pair.Gold.Relations)
        {
            var key = MentionKeyOf(pair.Gold, goldEntities, r);
            if (open.TryGetValue(key, out var n) && n > 0)
            {
                open[key] = n - 1;
                counts.TruePositive(r.Label);
            }
            else counts.FalseNegative(r.Label);
        }
        foreach (var (key, n) in open)
            if (n > 0) counts.FalsePositive(key.Label, n);
    }

    private static void CountDocumentLevel(DocumentPair pair, PrfAccumulator counts)
    {
        var gold = ConceptKeys(pair.Gold);
        var predicted = ConceptKeys(pair.Predicted);
        foreach (var key in gold)
        {
            if (predicted.Contains(key)) counts.TruePositive(key.Label);
            else counts.FalseNegative(key.Label);
        }
        foreach (var key in predicted)
            if (!gold.Contains(key)) counts.FalsePositive(key.Label);
    }

    private static HashSet<ConceptKey> ConceptKeys(AnnotatedDocument doc)
    {
        var entities = EntitiesById(doc);
        return doc.Relations.Select(r => new ConceptKey(
            ConceptOf(doc, entities, r.HeadConcept, r.HeadId, r.Id),
            ConceptOf(doc, entities, r.TailConcept, r.TailId, r.Id),
            r.Label)).ToHashSet();
    }

    private static string ConceptOf(AnnotatedDocument doc, Dictionary<string, Entity> entities, string? concept, string entityId, string relationId)
    {
        if (!string.IsNullOrWhiteSpace(concept)) return concept.Trim();
        var entity = entities.GetValueOrDefault(entityId) ?? throw Dangling(doc, relationId, entityId);
        return NormalizeText(doc.TextOf(entity));
    }

    private static MentionKey MentionKeyOf(AnnotatedDocument doc, Dictionary<string, Entity> entities, Relation r)
    {
        var head = entities.GetValueOrDefault(r.HeadId) ?? throw Dangling(doc, r.Id, r.HeadId);
        var tail = entities.GetValueOrDefault(r.TailId) ?? throw Dangling(doc, r.Id, r.TailId);
        return new MentionKey(head.Span, head.Label, tail.Span, tail.Label, r.Label);
    }

    /// <summary>First entity per id, as <see cref="AnnotatedDocument.FindEntity"/> would find it, in one pass.</summary>
    private static Dictionary<string, Entity> EntitiesById(AnnotatedDocument doc)
    {
        var byId = new Dictionary<string, Entity>(doc.Entities.Count, StringComparer.Ordinal);
        foreach (var e in doc.Entities) byId.TryAdd(e.Id, e);
        return byId;
    }

    private static TextMiningException Dangling(AnnotatedDocument doc, string relationId, string entityId) =>
        new(ErrorCodes.DanglingReference, $"relation {relationId} names entity {entityId}, which is not in the document", $"document {doc.Id}");

    private readonly record struct MentionKey(TextSpan Head, string HeadLabel, TextSpan Tail, string TailLabel, string Label);

    private readonly record struct ConceptKey(string Head, string Tail, string Label);
}
