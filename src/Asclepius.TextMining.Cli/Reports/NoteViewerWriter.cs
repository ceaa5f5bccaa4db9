using System.Text;
using System.Text.Json.Nodes;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Sections;

namespace Asclepius.TextMining.Cli.Reports;

/// <summary>
/// A displaCy-like viewer for labeled notes, as one self-contained HTML file: notes are embedded as JSON and
/// rendered a page at a time in the browser, so thousands of notes open quickly. Entities are highlighted
/// by label with a legend that doubles as a label filter; assertion flags show as styles and badges
/// (negated struck through, uncertain dotted, historical "H", hypothetical "if", family "FAM"); section
/// headers are marked (found with the section rules); relations are listed per note and drawn as arcs
/// over the mentions they join. Search matches note ids and text.
/// Filters may be given in the address: view.html?q=TEXT&amp;flag=negated&amp;labels=Problem,Drug.
/// Layout: header.page with #search, #label-filter (label.chip per label), #flag-filter, #page-size;
/// #notes of article.note (div.note-text with mark.ent, span.sec-hdr; ul.relations; svg.arcs); #pager.
/// </summary>
public static class NoteViewerWriter
{
    public const int DefaultPageSize = 10;

    public static void Write(IReadOnlyList<AnnotatedDocument> notes, string path, string title, SectionRuleSet? sections = null)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        File.WriteAllText(path, ToHtml(notes, title, sections), new UTF8Encoding(false));
    }

    public static string ToHtml(IReadOnlyList<AnnotatedDocument> notes, string title, SectionRuleSet? sections = null)
    {
        sections ??= SectionRuleSet.Default;
        var labels = notes.SelectMany(n => n.Entities.Select(e => e.Label)).Distinct().Order(StringComparer.Ordinal).ToArray();
        var relLabels = notes.SelectMany(n => n.Relations.Select(r => r.Label)).Distinct().Order(StringComparer.Ordinal).ToArray();
        var entityCount = notes.Sum(n => n.Entities.Count);
        var relationCount = notes.Sum(n => n.Relations.Count);

        var body = HtmlTemplates.Render(HtmlTemplates.Viewer, new ViewerModel(
            Html.Clean(title), notes.Count, entityCount, relationCount, Flags: ["negated", "uncertain", "historical", "hypothetical", "family"],
            labels.Select(l => new LabelChip(Html.Clean(l), Html.LabelColor(l, labels))).ToArray(),
            Html.JsonScript("viewer-data", Data(notes, labels, relLabels, sections))));
        return Html.Page(title, HtmlAssets.BaseStyle + "\n" + HtmlAssets.ViewerStyle, body, HtmlAssets.ViewerScript);
    }

    /// <summary>"4329847 Myocardial infarction (SNOMED, 0.93)" from a linker; the bare id from a gold corpus; null when none.</summary>
    private static string? ConceptTitle(Entity e) => e.Link is { } l
        ? $"{l.Id} {l.Name} ({(l.Vocabulary.Length > 0 ? l.Vocabulary + ", " : "")}{l.Score.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)})"
        : e.Concept;

    private static JsonObject Data(IReadOnlyList<AnnotatedDocument> notes, string[] labels, string[] relLabels, SectionRuleSet sections)
    {
        var colors = new JsonObject();
        foreach (var l in labels) colors[l] = Html.LabelColor(l, labels);
        var arr = new JsonArray();
        foreach (var n in notes)
        {
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            var ents = new JsonArray();
            for (var i = 0; i < n.Entities.Count; i++)
            {
                var e = n.Entities[i];
                index.TryAdd(e.Id, i);
                ents.Add(new JsonArray(e.Span.Start, e.Span.End, e.Label, Flags(e.Assertions), e.Section, e.Id, ConceptTitle(e)));
            }
            var rels = new JsonArray();
            foreach (var r in n.Relations)
            {
                if (!index.TryGetValue(r.HeadId, out var h) || !index.TryGetValue(r.TailId, out var t)) continue;
                rels.Add(new JsonArray(r.Label, h, t));
            }
            var hdrs = new JsonArray();
            foreach (var h in sections.FindHeaders(n.Text).Where(h => !h.IsSubheader))
                hdrs.Add(new JsonArray(h.Span.Start, h.Span.End, h.Section?.Title));
            arr.Add(new JsonObject { ["id"] = n.Id, ["text"] = n.Text, ["ents"] = ents, ["rels"] = rels, ["hdrs"] = hdrs });
        }
        return new JsonObject
        {
            ["labels"] = new JsonArray(labels.Select(l => (JsonNode)l).ToArray()),
            ["relationLabels"] = new JsonArray(relLabels.Select(l => (JsonNode)l).ToArray()),
            ["colors"] = colors,
            ["pageSize"] = DefaultPageSize,
            ["notes"] = arr,
        };
    }

    private static string Flags(Assertions a)
    {
        var parts = new List<string>();
        if (a.HasFlag(Assertions.Negated)) parts.Add("negated");
        if (a.HasFlag(Assertions.Uncertain)) parts.Add("uncertain");
        if (a.HasFlag(Assertions.Historical)) parts.Add("historical");
        if (a.HasFlag(Assertions.Hypothetical)) parts.Add("hypothetical");
        if (a.HasFlag(Assertions.Family)) parts.Add("family");
        return string.Join(" ", parts);
    }

    /// <summary>What viewer.liquid prints (Assets/viewer.liquid).</summary>
    public sealed record ViewerModel(string Title, int Notes, int Entities, int Relations, IReadOnlyList<string> Flags, IReadOnlyList<LabelChip> Labels, string Data);

    /// <summary>One label of the legend and filter.</summary>
    public sealed record LabelChip(string Name, string Color);
}
