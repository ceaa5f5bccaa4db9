using Asclepius.TextMining.Core.Documents;

namespace Asclepius.TextMining.Pipeline.Outputs;

/// <summary>Native JSONL output: one labeled note per line (see <see cref="NativeJsonl"/>).</summary>
public sealed class JsonlLabelWriter(string path, string nlpSystem, bool overwrite = false)
    : AppendOnlyFileWriter(path, nlpSystem, "jsonl", overwrite)
{
    protected override (byte[] Bytes, int Rows) Encode(AnnotatedDocument document) => (NativeJsonl.Line(document, NlpSystem), 1);
}
