using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Formats;

namespace Asclepius.TextMining.Cli.Tests.Support;

/// <summary>Writes in-memory fixtures as native JSONL files for the CLI to read.</summary>
public static class Corpora
{
    public static string WriteJsonl(string path, IEnumerable<AnnotatedDocument> documents)
    {
        CorpusFormats.Write(documents, path, JsonlFormat.FormatName);
        return path;
    }

    public static string Line(AnnotatedDocument document) => JsonlFormat.ToJsonLine(document);
}
