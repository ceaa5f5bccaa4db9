namespace Asclepius.TextMining.Core.Documents;

/// <summary>A document with its entities and relations. Entities are kept sorted by start, then end.</summary>
public sealed record AnnotatedDocument
{
    public AnnotatedDocument(Document document, IReadOnlyList<Entity>? entities = null, IReadOnlyList<Relation>? relations = null)
    {
        Document = document;
        Entities = (entities ?? Array.Empty<Entity>()).OrderBy(e => e.Span.Start).ThenBy(e => e.Span.End).ToArray();
        Relations = relations ?? Array.Empty<Relation>();
    }

    public Document Document { get; init; }
    public IReadOnlyList<Entity> Entities { get; init; }
    public IReadOnlyList<Relation> Relations { get; init; }

    public string Id => Document.Id;
    public string Text => Document.Text;

    public Entity? FindEntity(string id)
    {
        foreach (var e in Entities) if (e.Id == id) return e;
        return null;
    }

    public string TextOf(Entity entity) => Document.Slice(entity.Span);

    /// <summary>The same document with no annotations: what a model sees when it predicts.</summary>
    public AnnotatedDocument WithoutAnnotations() => new(Document);
}
