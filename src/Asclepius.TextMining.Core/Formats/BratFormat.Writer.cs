using System.Globalization;
using System.Text;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Formats.Support;

namespace Asclepius.TextMining.Core.Formats;

/// <summary>The writer half of <see cref="BratFormat"/> (layout and policies in BratFormat.cs).</summary>
public sealed partial class BratFormat
{
    public void Write(IEnumerable<AnnotatedDocument> documents, string path) => Write(documents, path, new ReadReport());

    public void Write(IEnumerable<AnnotatedDocument> documents, string path, ReadReport report)
    {
        Directory.CreateDirectory(path);
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var doc in documents)
        {
            var name = SafeName(doc.Id);
            var unique = name;
            for (var k = 2; !used.Add(unique); k++) unique = $"{name}_{k}";
            if (unique != doc.Id) report.Count("brat: document id changed to make a file name");

            var ann = Ann(doc, report, path);
            TextFiles.WriteAll(Path.Combine(path, unique + ".txt"), doc.Text);
            TextFiles.WriteAll(Path.Combine(path, unique + ".ann"), ann);
        }
    }

    /// <summary>
    /// The .ann of one document, the one BRAT writer of the product (`convert --to brat` and `label`'s BRAT
    /// output): T lines with offsets in code points as BRAT counts them, an entity that crosses a line break
    /// split into fragments "s e;s e" (BRAT spans cannot hold one); A lines for assertions; R lines; '#'
    /// AnnotatorNotes for sections. Entity and relation ids are kept when they are BRAT ids, else numbered.
    /// </summary>
    public static string Ann(AnnotatedDocument doc, ReadReport? report = null, string? path = null)
    {
        var sb = new StringBuilder();
        var offsets = new CodePointOffsets(doc.Text);
        var keepEntityIds = doc.Entities.All(e => IsBratId(e.Id, 'T')) && doc.Entities.Select(e => e.Id).Distinct().Count() == doc.Entities.Count;
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var t = 0;
        foreach (var e in doc.Entities)
        {
            var tid = keepEntityIds ? e.Id : "T" + (++t).ToString(CultureInfo.InvariantCulture);
            ids[e.Id] = tid;
            var fragments = new List<string>();
            var start = e.Span.Start;
            for (var i = e.Span.Start; i <= e.Span.End; i++)
            {
                if (i == e.Span.End || doc.Text[i] is '\n' or '\r')
                {
                    if (i > start) fragments.Add(string.Create(CultureInfo.InvariantCulture, $"{offsets.ToCodePoints(start)} {offsets.ToCodePoints(i)}"));
                    start = i + 1;
                }
            }
            if (fragments.Count == 0) fragments.Add(string.Create(CultureInfo.InvariantCulture, $"{offsets.ToCodePoints(e.Span.Start)} {offsets.ToCodePoints(e.Span.End)}"));
            sb.Append(tid).Append('\t').Append(Token(e.Label)).Append(' ').Append(string.Join(';', fragments)).Append('\t')
              .Append(TextFiles.Flatten(doc.TextOf(e), out _)).Append('\n');
            if (e.Concept is not null) report?.Count("brat: concept ids not written");
        }
        var keepRelationIds = doc.Relations.All(r => IsBratId(r.Id, 'R')) && doc.Relations.Select(r => r.Id).Distinct().Count() == doc.Relations.Count;
        var rn = 0;
        foreach (var rel in doc.Relations)
        {
            if (!ids.TryGetValue(rel.HeadId, out var h) || !ids.TryGetValue(rel.TailId, out var tl))
            {
                report?.Count("brat: relation naming a missing entity not written");
                report?.Add(new ReadProblem(path ?? doc.Id, null, doc.Id, ErrorCodes.NotRepresentable, $"relation {rel.Id} names a missing entity"));
                continue;
            }
            var rid = keepRelationIds ? rel.Id : "R" + (++rn).ToString(CultureInfo.InvariantCulture);
            sb.Append(rid).Append('\t').Append(Token(rel.Label)).Append(" Arg1:").Append(h).Append(" Arg2:").Append(tl).Append('\n');
        }
        var a = 0;
        var note = 0;
        foreach (var e in doc.Entities)
        {
            foreach (var flag in AnnotationNames.Names(e.Assertions))
                sb.Append('A').Append((++a).ToString(CultureInfo.InvariantCulture)).Append('\t')
                  .Append(char.ToUpperInvariant(flag[0])).Append(flag.AsSpan(1)).Append(' ').Append(ids[e.Id]).Append('\n');
            if (e.Section is not null)
                sb.Append('#').Append((++note).ToString(CultureInfo.InvariantCulture)).Append("\tAnnotatorNotes ").Append(ids[e.Id])
                  .Append("\tsection=").Append(TextFiles.Flatten(e.Section, out _)).Append('\n');
        }
        return sb.ToString();
    }

    private static bool IsBratId(string id, char prefix) =>
        id.Length > 1 && id[0] == prefix && id.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0;

    /// <summary>Labels are single words in BRAT; spaces become underscores.</summary>
    private static string Token(string label) => TextFiles.Flatten(label, out _).Replace(' ', '_');

    private static string SafeName(string id)
    {
        var sb = new StringBuilder(id.Length);
        foreach (var c in id) sb.Append(char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        var s = sb.ToString().Trim('.');
        return s.Length == 0 ? "doc" : s;
    }
}
