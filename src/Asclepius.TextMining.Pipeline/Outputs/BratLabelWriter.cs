using System.Globalization;
using System.Text;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;

namespace Asclepius.TextMining.Pipeline.Outputs;

/// <summary>
/// BRAT standoff output: for each note, ID.txt (the text) and ID.ann (T lines for entities, split at line
/// breaks as BRAT wants; A lines for assertion flags; R lines for relations; # notes for sections). Each
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

    public static string Ann(AnnotatedDocument document)
    {
        var sb = new StringBuilder();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var attribute = 0;
        var note = 0;
        var t = 0;
        foreach (var e in document.Entities)
        {
            var tid = $"T{++t}";
            ids[e.Id] = tid;
            // BRAT spans cannot cross a line break: split into fragments "s e;s e".
            var fragments = new List<string>();
            var start = e.Span.Start;
            for (var i = e.Span.Start; i <= e.Span.End; i++)
            {
                if (i == e.Span.End || document.Text[i] == '\n')
                {
                    if (i > start) fragments.Add($"{start} {i}");
                    start = i + 1;
                }
            }
            if (fragments.Count == 0) fragments.Add($"{e.Span.Start} {e.Span.End}");
            var surface = document.TextOf(e).Replace('\n', ' ').Replace("\r", "");
            sb.Append(tid).Append('\t').Append(e.Label).Append(' ').Append(string.Join(';', fragments)).Append('\t').Append(surface).Append('\n');
            foreach (var (flag, name) in new[] { (Assertions.Negated, "Negated"), (Assertions.Uncertain, "Uncertain"), (Assertions.Historical, "Historical"), (Assertions.Hypothetical, "Hypothetical"), (Assertions.Family, "Family") })
                if ((e.Assertions & flag) != 0) sb.Append($"A{++attribute}\t{name} {tid}\n");
            if (e.Section is not null) sb.Append($"#{++note}\tAnnotatorNotes {tid}\tsection={e.Section}\n");
        }
        var r = 0;
        foreach (var rel in document.Relations)
        {
            if (!ids.TryGetValue(rel.HeadId, out var h) || !ids.TryGetValue(rel.TailId, out var tl)) continue;
            sb.Append(CultureInfo.InvariantCulture, $"R{++r}\t{rel.Label} Arg1:{h} Arg2:{tl}\n");
        }
        return sb.ToString();
    }

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
