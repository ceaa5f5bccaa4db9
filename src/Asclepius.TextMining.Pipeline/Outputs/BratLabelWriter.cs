using System.Globalization;
using System.Text;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Formats;

namespace Asclepius.TextMining.Pipeline.Outputs;

/// <summary>
/// BRAT standoff output: for each note, ID.txt (the text) and ID.ann written by Core's <see cref="BratFormat.Ann"/>
/// (code-point offsets; entities split at line breaks as BRAT wants; A, R and # lines). Each
/// file is written to a temporary name and renamed, and recorded in OUT/.asclepius-progress afterwards.
/// Ids become file names: characters other than letters, digits, '.', '-', '_' and '/' become '_'.
/// </summary>
public sealed class BratLabelWriter : ILabelWriter
{
    private readonly string _root;
    private readonly ProgressLedger _ledger;

    public BratLabelWriter(string folder, string nlpSystem, bool overwrite = false)
    {
        _root = Path.GetFullPath(folder);
        var ledgerPath = LedgerPath(_root);
        if (File.Exists(_root)) throw new TextMiningException(ErrorCodes.OutputMismatch, "is a file; BRAT output is a folder", folder);
        if (!overwrite && Directory.Exists(_root) && !File.Exists(ledgerPath) && Directory.EnumerateFileSystemEntries(_root).Any())
            throw new TextMiningException(ErrorCodes.OutputMismatch,
                "is a folder that is not empty and has no progress file, so it cannot be resumed. Choose another --out, or pass --overwrite", folder);
        Directory.CreateDirectory(_root);
        _ledger = ProgressLedger.Open(ledgerPath, nlpSystem, Format, folder, overwrite);
    }

    /// <summary>OUT/.asclepius-progress, the ledger (and lock) of a BRAT output folder.</summary>
    public static string LedgerPath(string folder) => Path.Combine(Path.GetFullPath(folder), ".asclepius-progress");

    public string Format => "brat";
    public IReadOnlySet<string> Done => _ledger.Done;

    public void Write(AnnotatedDocument document)
    {
        var name = SafeName(document.Id);
        var txt = Path.Combine(_root, name + ".txt");
        Directory.CreateDirectory(Path.GetDirectoryName(txt)!);
        WriteAtomically(txt, document.Text);
        WriteAtomically(Path.Combine(_root, name + ".ann"), Ann(document));
        _ledger.Record(document.Id, 0, document.Entities.Count);
    }

    public void Commit() => _ledger.Flush();

    public void Dispose() => _ledger.Dispose();

    /// <summary>The .ann of a labeled note: Core's BRAT writer, the one `convert --to brat` uses (offsets in code points).</summary>
    public static string Ann(AnnotatedDocument document) => BratFormat.Ann(document);

    public static string SafeName(string id)
    {
        var sb = new StringBuilder(id.Length);
        foreach (var c in id) sb.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '/' ? c : '_');
        var parts = sb.ToString().Split('/', StringSplitOptions.RemoveEmptyEntries).Select(p => p is "." or ".." ? "_" : p);
        var name = string.Join('/', parts);
        return name.Length == 0 ? "_" : name;
    }

    private static void WriteAtomically(string path, string content)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, content, new UTF8Encoding(false));
        File.Move(temp, path, overwrite: true);
    }
}
