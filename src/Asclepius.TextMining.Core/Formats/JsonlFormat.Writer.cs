using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Formats.Support;

namespace Asclepius.TextMining.Core.Formats;

/// <summary>The writer half of <see cref="JsonlFormat"/> (layout in JsonlFormat.cs): the one native JSONL writer.</summary>
public sealed partial class JsonlFormat
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = false,
    };

    public void Write(IEnumerable<AnnotatedDocument> documents, string path) => Write(documents, path, new ReadReport());

    public void Write(IEnumerable<AnnotatedDocument> documents, string path, ReadReport report)
    {
        using var lines = new JsonLinesWriter(path, WriterOptions);
        foreach (var doc in documents) lines.WriteLine(json => WriteDocument(json, doc));
    }

    /// <summary>
    /// One document as a whole UTF-8 line, '\n' included: the one layout every native JSONL writer uses
    /// (batch labeling, the worker's JSONL sink, generation runs), so what they write this reader reads.
    /// </summary>
    public static byte[] ToUtf8Line(AnnotatedDocument doc)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + doc.Text.Length * 2 + doc.Entities.Count * 96);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions)) WriteDocument(json, doc);
        var line = new byte[buffer.WrittenCount + 1];
        buffer.WrittenSpan.CopyTo(line);
        line[^1] = (byte)'\n';
        return line;
    }

    /// <summary>Serializes one document as a single JSON line (without the newline); used by other components too.</summary>
    public static string ToJsonLine(AnnotatedDocument doc)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions)) WriteDocument(json, doc);
        return TextFiles.Utf8NoBom.GetString(buffer.WrittenSpan);
    }

    // Four decimals: more digits are noise from the model, and they make outputs differ between runs
    // whose decisions are identical.
    private static double RoundScore(double score) => Math.Round(score, 4);

    private static void WriteDocument(Utf8JsonWriter w, AnnotatedDocument doc)
    {
        w.WriteStartObject();
        w.WriteString("id", doc.Id);
        w.WriteString("text", doc.Text);
        w.WriteStartArray("entities");
        foreach (var e in doc.Entities)
        {
            w.WriteStartObject();
            w.WriteString("id", e.Id);
            w.WriteNumber("start", e.Span.Start);
            w.WriteNumber("end", e.Span.End);
            w.WriteString("label", e.Label);
            w.WriteString("text", doc.TextOf(e));
            if (e.Source == AnnotationSource.Predicted || e.Score != 1.0) w.WriteNumber("score", RoundScore(e.Score));
            if (e.Assertions != Assertions.None)
            {
                w.WriteStartArray("assertions");
                foreach (var a in AnnotationNames.Names(e.Assertions)) w.WriteStringValue(a);
                w.WriteEndArray();
            }
            if (e.Source != AnnotationSource.Gold) w.WriteString("source", AnnotationNames.Name(e.Source));
            if (e.Concept is not null) w.WriteString("concept", e.Concept);
            if (e.Section is not null) w.WriteString("section", e.Section);
            if (e.Link is { } link)
            {
                w.WriteStartObject("link");
                w.WriteString("id", link.Id);
                w.WriteString("vocabulary", link.Vocabulary);
                w.WriteString("name", link.Name);
                w.WriteNumber("score", RoundScore(link.Score));
                if (link.SourceId is not null) w.WriteString("source_id", link.SourceId);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("relations");
        foreach (var r in doc.Relations)
        {
            w.WriteStartObject();
            w.WriteString("id", r.Id);
            w.WriteString("label", r.Label);
            w.WriteString("head", r.HeadId);
            w.WriteString("tail", r.TailId);
            if (r.Source == AnnotationSource.Predicted || r.Score != 1.0) w.WriteNumber("score", RoundScore(r.Score));
            if (r.Source != AnnotationSource.Gold) w.WriteString("source", AnnotationNames.Name(r.Source));
            if (r.HeadConcept is not null) w.WriteString("head_concept", r.HeadConcept);
            if (r.TailConcept is not null) w.WriteString("tail_concept", r.TailConcept);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("metadata");
        foreach (var (k, v) in doc.Document.Meta) w.WriteString(k, v);
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
