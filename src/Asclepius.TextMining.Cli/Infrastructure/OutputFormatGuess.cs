using Asclepius.TextMining.Core.Formats;

namespace Asclepius.TextMining.Cli.Infrastructure;

/// <summary>
/// The format to write, from the output path's name, for `convert` without --to. Only unambiguous names
/// are guessed: ".txt" could be PubTator, plain notes or BRAT, and ".tsv" BioBERT or CoNLL, so those
/// need --to. A guess is used only when that format is registered.
/// </summary>
public static class OutputFormatGuess
{
    private static readonly (string Suffix, string Format)[] BySuffix =
    [
        (".pubtator.txt", "pubtator"),
        (".pubtator", "pubtator"),
        (".jsonl", "jsonl"),
        (".ndjson", "jsonl"),
        (".conll", "conll"),
        (".conll2003", "conll"),
        (".bio", "conll"),
        (".iob", "conll"),
        (".iob2", "conll"),
        (".rel", "ade"),
        (".csv", "csv"),
        (".ann", "brat"),
    ];

    public static string? From(string path)
    {
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(path));
        foreach (var (suffix, format) in BySuffix)
        {
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && CorpusFormats.Names.Contains(format, StringComparer.OrdinalIgnoreCase))
                return format;
        }
        return null;
    }
}
