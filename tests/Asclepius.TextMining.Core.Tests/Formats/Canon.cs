using Asclepius.TextMining.Core.Documents;

namespace Asclepius.TextMining.Core.Tests.Formats;

/// <summary>What a round trip must keep, written out so that two corpora compare as strings (ids and metadata aside).</summary>
public static class Canon
{
    public static string Of(AnnotatedDocument d, bool withId = true, bool withText = true, bool withConcepts = true)
    {
        var ents = d.Entities.Select(e => $"{e.Span}{e.Label}:{d.TextOf(e)}:{e.Assertions}:{(withConcepts ? e.Concept : "")}").Order(StringComparer.Ordinal);
        var rels = d.Relations.Select(r =>
        {
            var h = d.FindEntity(r.HeadId)!;
            var t = d.FindEntity(r.TailId)!;
            return $"{r.Label}({h.Span}{h.Label}->{t.Span}{t.Label})" + (withConcepts ? $"{r.HeadConcept}>{r.TailConcept}" : "");
        }).Order(StringComparer.Ordinal);
        return $"{(withId ? d.Id : "")}|{(withText ? d.Text : "")}|{string.Join(";", ents)}|{string.Join(";", rels)}";
    }

    public static IReadOnlyList<string> Of(IEnumerable<AnnotatedDocument> docs, bool withId = true, bool withText = true, bool withConcepts = true) =>
        docs.Select(d => Of(d, withId, withText, withConcepts)).ToList();
}
