using Asclepius.TextMining.Core.Documents;

namespace Asclepius.TextMining.TestKit;

/// <summary>Small builders for in-memory fixtures: mark entities by their text, not by hand-counted offsets.</summary>
public static class Docs
{
    /// <summary>
    /// A document whose entities are given as (surface text, label); each is found at its first occurrence
    /// after the previous entity. Ids are T1, T2, ...
    /// </summary>
    public static AnnotatedDocument Annotated(string id, string text, params (string Surface, string Label)[] entities)
    {
        var list = new List<Entity>();
        var from = 0;
        foreach (var (surface, label) in entities)
        {
            var at = text.IndexOf(surface, from, StringComparison.Ordinal);
            if (at < 0) at = text.IndexOf(surface, StringComparison.Ordinal);
            if (at < 0) throw new ArgumentException($"'{surface}' is not in the text");
            list.Add(new Entity($"T{list.Count + 1}", new TextSpan(at, at + surface.Length), label));
            from = at + surface.Length;
        }
        return new AnnotatedDocument(new Document(id, text), list);
    }

    public static AnnotatedDocument WithRelation(this AnnotatedDocument doc, string label, string headId, string tailId) =>
        doc with { Relations = doc.Relations.Append(new Relation($"R{doc.Relations.Count + 1}", label, headId, tailId)).ToArray() };
}
