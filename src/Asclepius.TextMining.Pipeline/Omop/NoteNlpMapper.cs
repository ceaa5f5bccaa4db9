using System.Globalization;
using System.Text;
using Asclepius.TextMining.Core.Documents;

namespace Asclepius.TextMining.Pipeline.Omop;

/// <summary>
/// Maps predicted entities to NOTE_NLP rows (docs/OMOP.md has the table):
/// term_exists is "N" when the entity is negated, uncertain, hypothetical or about a family member
/// (the OHDSI reading: the patient does not have it, as far as the note says), else "Y";
/// term_temporal is "past" for historical mentions, else "present";
/// term_modifiers lists every flag plus label, section, score, entity id and outgoing relations:
/// "label=Disease;negated=false;uncertain=false;historical=false;hypothetical=false;family=false;section=HPI;score=0.97;id=T1;relations=CID:T2".
/// note_nlp_concept_id is the linked concept (Link.Dictionary.v1, after 'Maps to') and note_nlp_source_concept_id
/// the concept whose name matched, when those are OMOP integer ids; else 0. A linked mention adds
/// "concept=ID;concept_score=S" to term_modifiers (before relations).
/// </summary>
public static class NoteNlpMapper
{
    public const int SnippetMax = 250;
    public const int LexicalVariantMax = 250;
    public const int ModifiersMax = 2000;
    public const int NlpSystemMax = 250;

    public static IReadOnlyList<NoteNlpRow> Map(AnnotatedDocument document, string nlpSystem, DateTime nlpDateTime, NoteNlpOptions? options = null)
    {
        options ??= NoteNlpOptions.Default;
        var rows = new List<NoteNlpRow>(document.Entities.Count);
        var system = Cap(nlpSystem, NlpSystemMax);
        var sourceId = OmopNoteId.IsInteger(document.Id) ? null : document.Id;
        // Masked once per note, placeholder for placeholder, so every mention's window is cut from the same masked text.
        var context = options.Snippet == SnippetPolicy.Window && options.MaskIdentifiers && document.Entities.Count > 0
            ? SnippetMasker.MaskInPlace(document.Text)
            : document.Text;
        foreach (var e in document.Entities)
        {
            var section = e.Section is not null && options.SectionConcepts.TryGetValue(e.Section, out var concept) ? concept : 0;
            rows.Add(new NoteNlpRow(
                document.Id,
                section,
                SnippetFor(options, context, e.Span),
                e.Span.Start.ToString(CultureInfo.InvariantCulture),
                Cap(document.TextOf(e), LexicalVariantMax),
                ConceptId(e.Link?.Id ?? e.Concept),
                ConceptId(e.Link?.SourceId ?? e.Link?.Id ?? e.Concept),
                system,
                nlpDateTime,
                TermExists(e.Assertions),
                TermTemporal(e.Assertions),
                Modifiers(document, e, sourceId)));
        }
        return rows;
    }

    /// <summary>nlp_system as stored: at most 250 characters.</summary>
    public static string System(string nlpSystem) => Cap(nlpSystem, NlpSystemMax);

    /// <summary>The model name of an nlp_system "name version" (null when it has no version part).</summary>
    public static string? ModelName(string nlpSystem)
    {
        var space = System(nlpSystem).LastIndexOf(' ');
        return space > 0 ? nlpSystem[..space] : null;
    }

    private static string? SnippetFor(NoteNlpOptions options, string text, TextSpan span) => options.Snippet switch
    {
        SnippetPolicy.None => null,
        SnippetPolicy.Mention => Snippet(text, span, 0),
        _ => Cap(SnippetMasker.Tags(Snippet(text, span, options.SnippetRadius)), SnippetMax),
    };

    /// <summary>An OMOP concept_id from a linked concept; 0 (OMOP's "no matching concept") when none or not an integer (a TSV vocabulary's own ids).</summary>
    public static int ConceptId(string? id) =>
        id is not null && int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : 0;

    public static string TermExists(Assertions a) =>
        (a & (Assertions.Negated | Assertions.Uncertain | Assertions.Hypothetical | Assertions.Family)) != 0 ? "N" : "Y";

    public static string TermTemporal(Assertions a) => (a & Assertions.Historical) != 0 ? "past" : "present";

    public static string Modifiers(AnnotatedDocument document, Entity e, string? sourceId = null)
    {
        var sb = new StringBuilder();
        sb.Append("label=").Append(Clean(e.Label));
        sb.Append(";negated=").Append(Flag(e.Assertions, Assertions.Negated));
        sb.Append(";uncertain=").Append(Flag(e.Assertions, Assertions.Uncertain));
        sb.Append(";historical=").Append(Flag(e.Assertions, Assertions.Historical));
        sb.Append(";hypothetical=").Append(Flag(e.Assertions, Assertions.Hypothetical));
        sb.Append(";family=").Append(Flag(e.Assertions, Assertions.Family));
        if (e.Section is not null) sb.Append(";section=").Append(Clean(e.Section));
        sb.Append(";score=").Append(e.Score.ToString("0.###", CultureInfo.InvariantCulture));
        sb.Append(";id=").Append(Clean(e.Id));
        if (sourceId is not null) sb.Append(";source_id=").Append(Clean(sourceId));
        // The linked concept as the vocabulary names it: the only place a non-OMOP id (MeSH "D008750") is kept.
        if (e.Link is { } link) sb.Append(";concept=").Append(Clean(link.Id)).Append(";concept_score=").Append(link.Score.ToString("0.###", CultureInfo.InvariantCulture));
        var relations = document.Relations.Where(r => r.HeadId == e.Id).Select(r => $"{Clean(r.Label)}:{Clean(r.TailId)}").ToArray();
        if (relations.Length > 0)
        {
            sb.Append(";relations=");
            // Relations are last so that, past the column's 2000 characters, only whole relations are dropped.
            foreach (var r in relations)
            {
                if (sb.Length + r.Length + 1 > ModifiersMax) break;
                if (sb[^1] != '=') sb.Append(',');
                sb.Append(r);
            }
        }
        return sb.Length <= ModifiersMax ? sb.ToString() : sb.ToString(0, ModifiersMax);
    }

    /// <summary>The mention with up to <paramref name="radius"/> characters each side, whitespace runs collapsed, at most 250 characters.</summary>
    public static string Snippet(string text, TextSpan span, int radius)
    {
        var from = Math.Max(0, span.Start - radius);
        var to = Math.Min(text.Length, span.End + radius);
        var sb = new StringBuilder(to - from);
        var space = false;
        for (var i = from; i < to; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                if (!space && sb.Length > 0) sb.Append(' ');
                space = true;
            }
            else
            {
                sb.Append(c);
                space = false;
            }
        }
        return Cap(sb.ToString().TrimEnd(), SnippetMax);
    }

    private static string Flag(Assertions a, Assertions f) => (a & f) != 0 ? "true" : "false";

    // Modifier values are separated by ';' '=' ',' ':' — replace them inside values so the list stays parseable.
    private static string Clean(string value) => value.Replace(';', '_').Replace('=', '_').Replace(',', '_').Replace(':', '_');

    private static string Cap(string s, int max)
    {
        if (s.Length <= max) return s;
        var cut = max;
        if (char.IsHighSurrogate(s[cut - 1])) cut--;
        return s[..cut];
    }
}
