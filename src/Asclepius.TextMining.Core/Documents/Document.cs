namespace Asclepius.TextMining.Core.Documents;

/// <summary>A text with a stable id. Metadata holds source facts (file, line, PMID, note_id ...), never annotations.</summary>
public sealed record Document(string Id, string Text, IReadOnlyDictionary<string, string>? Metadata = null)
{
    public static readonly IReadOnlyDictionary<string, string> NoMetadata = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Meta => Metadata ?? NoMetadata;

    public string Slice(TextSpan span) => Text.Substring(span.Start, span.Length);
}
