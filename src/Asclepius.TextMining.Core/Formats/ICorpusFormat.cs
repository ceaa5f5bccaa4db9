using Asclepius.TextMining.Core.Documents;

namespace Asclepius.TextMining.Core.Formats;

/// <summary>
/// A corpus format: a reader and a writer. Readers stream documents and never throw for one bad record
/// when <see cref="ReadOptions.Lenient"/> is set: they report it in <see cref="ReadReport"/> and go on.
/// Without it, the first bad record throws a TextMiningException naming file, line and reason.
/// </summary>
public interface ICorpusFormat
{
    /// <summary>The name used by --format / --from / --to ("jsonl", "pubtator", "conll", "brat", ...).</summary>
    string Name { get; }

    /// <summary>True when the path (file or folder) looks like this format, from its name and first bytes.</summary>
    bool Detect(string path);

    IEnumerable<AnnotatedDocument> Read(string path, ReadOptions options, ReadReport report);

    void Write(IEnumerable<AnnotatedDocument> documents, string path);

    /// <summary>
    /// Writes and reports in <paramref name="report"/> what the format cannot hold (an entity that does not
    /// align to tokens, a relation without concepts in PubTator, ...): such things are counted, never silently lost.
    /// </summary>
    void Write(IEnumerable<AnnotatedDocument> documents, string path, ReadReport report) => Write(documents, path);
}
