using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;

namespace Asclepius.TextMining.Pipeline.Outputs;

/// <summary>
/// A single-file output (JSONL, OMOP CSV) appended note by note, with a <see cref="ProgressLedger"/> beside
/// it (OUT.progress). Notes are buffered and written at each commit in one write, flushed to disk, then
/// recorded: a killed run never leaves a partial line behind a recorded one, and the rerun cuts the file
/// back to the last recorded byte.
/// </summary>
public abstract class AppendOnlyFileWriter : ILabelWriter
{
    private readonly FileStream _stream;
    private readonly ProgressLedger _ledger;
    private readonly MemoryStream _pending = new();
    private readonly List<(string Id, long End, int Rows)> _pendingEntries = new();

    protected AppendOnlyFileWriter(string path, string nlpSystem, string format, bool overwrite)
    {
        Path = System.IO.Path.GetFullPath(path);
        NlpSystem = nlpSystem;
        Format = format;
        var ledgerPath = LedgerPath(Path);
        if (Directory.Exists(Path)) throw new TextMiningException(ErrorCodes.OutputMismatch, "is a folder; the output must be a file", path);
        if (!overwrite && !File.Exists(ledgerPath) && File.Exists(Path) && new FileInfo(Path).Length > 0)
            throw new TextMiningException(ErrorCodes.OutputMismatch,
                $"already exists and has no progress file ({System.IO.Path.GetFileName(ledgerPath)}), so it cannot be resumed. Choose another --out, or pass --overwrite", path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        // The ledger holds the output's lock: nothing is cut or started over before it is held.
        _ledger = ProgressLedger.Open(ledgerPath, nlpSystem, format, path, overwrite);
        try
        {
            _stream = new FileStream(Path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read, bufferSize: 1);
            if (overwrite) _stream.SetLength(0);
            _ledger.TrimTo(_stream.Length);
            _stream.SetLength(_ledger.CommittedEnd);
            _stream.Position = _ledger.CommittedEnd;
        }
        catch
        {
            _ledger.Dispose();
            throw;
        }
        RowsWritten = _ledger.Rows;
        if (_stream.Length == 0) WriteBytes(Header());
    }

    public string Path { get; }

    /// <summary>OUT.progress, the ledger (and lock) of a file output.</summary>
    public static string LedgerPath(string output) => System.IO.Path.GetFullPath(output) + ".progress";
    public string NlpSystem { get; }
    public string Format { get; }
    public IReadOnlySet<string> Done => _ledger.Done;

    /// <summary>Rows written so far, this run and the runs before (for running row numbers).</summary>
    protected long RowsWritten { get; private set; }

    /// <summary>Bytes that start an empty output (a CSV header); none by default.</summary>
    protected virtual byte[] Header() => [];

    /// <summary>The bytes of one note, whole lines, and how many rows they hold.</summary>
    protected abstract (byte[] Bytes, int Rows) Encode(AnnotatedDocument document);

    public void Write(AnnotatedDocument document)
    {
        var (bytes, rows) = Encode(document);
        WriteBytes(bytes);
        RowsWritten += rows;
        _pendingEntries.Add((document.Id, _stream.Position + _pending.Length, rows));
    }

    private void WriteBytes(byte[] bytes) => _pending.Write(bytes);

    public void Commit()
    {
        if (_pending.Length > 0)
        {
            _stream.Write(_pending.GetBuffer(), 0, (int)_pending.Length);
            _pending.SetLength(0);
        }
        _stream.Flush(flushToDisk: true);
        foreach (var (id, end, rows) in _pendingEntries) _ledger.Record(id, end, rows);
        _pendingEntries.Clear();
        _ledger.Flush();
    }

    public void Dispose()
    {
        try { Commit(); }
        finally
        {
            _stream.Dispose();
            _ledger.Dispose();
        }
        GC.SuppressFinalize(this);
    }
}
