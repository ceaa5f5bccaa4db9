using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Formats;

namespace Asclepius.TextMining.Pipeline.Outputs;

/// <summary>
/// One labeled note as a line of the native JSONL format, written by Core's <see cref="JsonlFormat"/>
/// (so `evaluate`, `convert` and `stats` read the labels back), with the model that produced the labels
/// recorded in metadata.nlp_system.
/// </summary>
public static class NativeJsonl
{
    public const string NlpSystemKey = "nlp_system";

    /// <summary>The line, UTF-8, ending with '\n'.</summary>
    public static byte[] Line(AnnotatedDocument doc, string? nlpSystem) =>
        JsonlFormat.ToUtf8Line(nlpSystem is null ? doc : WithNlpSystem(doc, nlpSystem));

    private static AnnotatedDocument WithNlpSystem(AnnotatedDocument doc, string nlpSystem)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in doc.Document.Meta)
            if (key != NlpSystemKey) metadata[key] = value;
        metadata[NlpSystemKey] = nlpSystem;
        return doc with { Document = doc.Document with { Metadata = metadata } };
    }
}
