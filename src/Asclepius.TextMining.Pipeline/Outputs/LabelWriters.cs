using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Pipeline.Omop;

namespace Asclepius.TextMining.Pipeline.Outputs;

/// <summary>The output formats of a label run, by --out-format name.</summary>
public static class LabelWriters
{
    public static readonly string[] Formats = ["jsonl", "brat", "omop-csv"];

    /// <summary>The format asked, or the one the output path implies (.csv: omop-csv; no extension or a folder: brat; else jsonl).</summary>
    public static string Resolve(string path, string? format)
    {
        if (format is not null)
        {
            var f = format.ToLowerInvariant();
            return Formats.Contains(f) ? f : throw new TextMiningException(ErrorCodes.UnknownFormat, $"unknown output format '{format}'; known: {string.Join(", ", Formats)}");
        }
        if (path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)) return "omop-csv";
        if (Directory.Exists(path) || Path.GetExtension(path).Length == 0) return "brat";
        return "jsonl";
    }

    /// <summary>The progress file (and lock) a writer of <paramref name="format"/> keeps for <paramref name="path"/>, with its holder note beside it.</summary>
    public static string[] Sidecars(string path, string format)
    {
        var ledger = format == "brat" ? BratLabelWriter.LedgerPath(path) : AppendOnlyFileWriter.LedgerPath(path);
        return [ledger, ledger + ".lock"];
    }

    public static ILabelWriter Open(string path, string format, string nlpSystem, bool overwrite, NoteNlpOptions? nlpOptions = null) => format switch
    {
        "jsonl" => new JsonlLabelWriter(path, nlpSystem, overwrite),
        "omop-csv" => new OmopCsvLabelWriter(path, nlpSystem, overwrite, nlpOptions),
        "brat" => new BratLabelWriter(path, nlpSystem, overwrite),
        _ => throw new TextMiningException(ErrorCodes.UnknownFormat, $"unknown output format '{format}'; known: {string.Join(", ", Formats)}"),
    };
}
