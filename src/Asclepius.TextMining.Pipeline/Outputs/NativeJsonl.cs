using System.Text.Encodings.Web;
using System.Text.Json;
using Asclepius.TextMining.Core.Documents;

namespace Asclepius.TextMining.Pipeline.Outputs;

/// <summary>
/// One labeled note as a line of the native JSONL format (the layout Core's jsonl reader reads):
/// {"id","text","entities":[{"id","start","end","label","text","score","assertions"?,"source","concept"?,"section"?}],
///  "relations":[{"id","label","head","tail","score","source"}],"metadata":{...,"nlp_system":"name version"}}.
/// The model that produced the labels is recorded in metadata.nlp_system.
/// </summary>
public static class NativeJsonl
{
    public const string NlpSystemKey = "nlp_system";

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    private static readonly (Assertions Flag, string Name)[] AssertionNames =
    [
        (Assertions.Negated, "negated"), (Assertions.Uncertain, "uncertain"), (Assertions.Historical, "historical"),
        (Assertions.Hypothetical, "hypothetical"), (Assertions.Family, "family"),
    ];

    /// <summary>The line, UTF-8, ending with '\n'.</summary>
    public static byte[] Line(AnnotatedDocument doc, string? nlpSystem)
    {
        var buffer = new MemoryStream(doc.Text.Length + 256 + doc.Entities.Count * 96);
        using (var w = new Utf8JsonWriter(buffer, Options))
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
                w.WriteNumber("score", Math.Round(e.Score, 4));
                if (e.Assertions != Assertions.None)
                {
                    w.WriteStartArray("assertions");
                    foreach (var (flag, name) in AssertionNames) if ((e.Assertions & flag) != 0) w.WriteStringValue(name);
                    w.WriteEndArray();
                }
                w.WriteString("source", SourceName(e.Source));
                if (e.Concept is not null) w.WriteString("concept", e.Concept);
                if (e.Section is not null) w.WriteString("section", e.Section);
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
                w.WriteNumber("score", Math.Round(r.Score, 4));
                w.WriteString("source", SourceName(r.Source));
                if (r.HeadConcept is not null) w.WriteString("head_concept", r.HeadConcept);
                if (r.TailConcept is not null) w.WriteString("tail_concept", r.TailConcept);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartObject("metadata");
            foreach (var (k, v) in doc.Document.Meta.OrderBy(p => p.Key, StringComparer.Ordinal))
                if (k != NlpSystemKey) w.WriteString(k, v);
            if (nlpSystem is not null) w.WriteString(NlpSystemKey, nlpSystem);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static string SourceName(AnnotationSource s) => s switch
    {
        AnnotationSource.Predicted => "predicted",
        AnnotationSource.Synthetic => "synthetic",
        _ => "gold",
    };
}
