using System.Security.Cryptography;
using System.Text;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Pipeline.Notes;
using Asclepius.TextMining.Pipeline.Outputs;
using Asclepius.TextMining.Pipeline.Storage;
using Asclepius.TextMining.Worker.Logging;
using Asclepius.TextMining.Worker.Options;
using Asclepius.TextMining.Worker.Sinks;
using Microsoft.Extensions.Logging;

namespace Asclepius.TextMining.Worker.Sources;

/// <summary>
/// A watched folder: files dropped into ROOT/inbox (a .txt note, or a .jsonl / .csv / .tsv of notes) are
/// moved to processing/, labeled in batches, then moved to done/ — or to failed/ when nothing in them
/// could be labeled. Every bad file, line or note is appended to ROOT/errors.jsonl with its reason.
/// Files still being written are left alone until unchanged for a second, and names starting with '.'
/// or ending in .tmp/.part are ignored. One worker per folder: at start, files an earlier run left in
/// processing/ go back to inbox/ and are labeled again from the start (a JSONL sink may then repeat notes
/// of that file; database sinks replace them). File names often carry patient names or MRNs, so logs name
/// a file by <see cref="FileLogId"/> (the first 12 hex digits of the SHA-256 of its name), never by name;
/// errors.jsonl, on the site beside the files, names the file and a text-free reason.
/// </summary>
public sealed class FolderNoteSource : INoteSource, IDisposable
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);
    private readonly SourceOptions _options;
    private readonly ILogger _logger;
    private readonly string _inbox;
    private readonly string _processing;
    private readonly string _done;
    private readonly string _failed;
    private ErrorReport? _errors;
    private FileWork? _current;

    public FolderNoteSource(SourceOptions options, ILogger<FolderNoteSource> logger)
    {
        _options = options;
        _logger = logger;
        Root = Path.GetFullPath(options.Folder);
        _inbox = Path.Combine(Root, "inbox");
        _processing = Path.Combine(Root, "processing");
        _done = Path.Combine(Root, "done");
        _failed = Path.Combine(Root, "failed");
    }

    public string Root { get; }

    public string Describe => $"folder {Root}";

    public string ErrorsPath => Path.Combine(Root, "errors.jsonl");

    private sealed class FileWork(string path, INoteReader? reader, NoteProblem? fileProblem)
    {
        public string Path { get; } = path;
        public IEnumerator<NoteInput>? Notes { get; set; } = reader?.Read().GetEnumerator();
        public NoteProblem? FileProblem { get; } = fileProblem;
        public NoteInput? Lookahead { get; set; }
        public bool Exhausted { get; set; }
        public int Labeled { get; set; }
        public int Failed { get; set; }
        public int Sequence { get; set; }
    }

    private sealed record BatchTag(FileWork File, bool Last);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var dir in new[] { _inbox, _processing, _done, _failed }) Directory.CreateDirectory(dir);
        foreach (var left in Directory.EnumerateFiles(_processing))
        {
            File.Move(left, Unique(Path.Combine(_inbox, Path.GetFileName(left))));
            Log.FileRecovered(_logger, FileLogId(Path.GetFileName(left)));
        }
        _errors = new ErrorReport(ErrorsPath, append: true);
        return Task.CompletedTask;
    }

    public Task<NoteBatch> ClaimAsync(string nlpSystem, int max, CancellationToken cancellationToken)
    {
        _current ??= NextFile();
        if (_current is null) return Task.FromResult(NoteBatch.Empty(nlpSystem));
        var work = _current;
        var notes = new List<ClaimedNote>();
        var name = Path.GetFileName(work.Path);
        if (work.FileProblem is not null)
        {
            notes.Add(new ClaimedNote(name, NoteInput.Bad(work.FileProblem), 1) { LogId = FileLogId(name) });
            work.Exhausted = true;
        }
        while (notes.Count < max && Next(work) is { } input)
        {
            // A .txt note's id is its file name; a line without an id is named after its file: both are logged by hash.
            var fromName = input.Id is null || input.Id == Path.GetFileNameWithoutExtension(name);
            var id = input.Id ?? $"{name}#{++work.Sequence}";
            notes.Add(new ClaimedNote(id, input, 1) { LogId = !fromName ? id : input.Id is null ? $"{FileLogId(name)}#{work.Sequence}" : FileLogId(name) });
        }
        var last = work.Exhausted || Peek(work) is null;
        if (notes.Count == 0)
            notes.Add(new ClaimedNote(name, NoteInput.Bad(new NoteProblem(null, work.Path, null, ErrorCodes.EmptyInput, "the file holds no notes")), 1) { LogId = FileLogId(name) });
        return Task.FromResult(new NoteBatch(nlpSystem, notes, new BatchTag(work, last)));
    }

    public async Task<int> CompleteAsync(NoteBatch batch, IReadOnlyList<AnnotatedDocument> labeled, IReadOnlyList<NoteFailure> failures, ILabelSink sink, CancellationToken cancellationToken)
    {
        if (batch.Tag is not BatchTag tag) return 0;
        await sink.WriteAsync(batch.NlpSystem, labeled, cancellationToken);
        foreach (var note in batch.Notes.Where(n => n.Input.Problem is not null))
            _errors!.Add(note.Input.Problem! with { Reason = FailureReasons.For(note.Input.Problem!) });
        foreach (var f in failures.Where(f => batch.Notes.Any(n => n.NoteId == f.NoteId && n.Input.Problem is null)))
            _errors!.Add(new NoteProblem(f.NoteId, tag.File.Path, null, f.Code, f.Reason));
        tag.File.Labeled += labeled.Count;
        tag.File.Failed += failures.Count;
        if (tag.Last) Finish(tag.File);
        return labeled.Count;
    }

    public Task RenewAsync(NoteBatch batch, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<QueueStatus?> StatusAsync(string nlpSystem, CancellationToken cancellationToken) => Task.FromResult<QueueStatus?>(null);

    /// <summary>How logs name a file: the first 12 hex digits of the SHA-256 of its name (`printf %s NAME | sha256sum`).</summary>
    public static string FileLogId(string fileName) =>
        "file:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fileName)))[..12];

    public Task<int> ReleaseAsync(string nlpSystem, NoteBatch? batch, CancellationToken cancellationToken)
    {
        if (_current is not { } work) return Task.FromResult(0);
        // The file goes back whole: it is labeled again from its start by the next run.
        work.Notes?.Dispose();
        File.Move(work.Path, Unique(Path.Combine(_inbox, Path.GetFileName(work.Path))));
        _current = null;
        return Task.FromResult(1);
    }

    private FileWork? NextFile()
    {
        var now = DateTime.UtcNow;
        foreach (var file in Directory.EnumerateFiles(_inbox).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            if (name.StartsWith('.') || name.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".part", StringComparison.OrdinalIgnoreCase)) continue;
            try
            {
                if (now - File.GetLastWriteTimeUtc(file) < Settle) continue;
                var claimed = Unique(Path.Combine(_processing, name));
                File.Move(file, claimed);
                Log.FileClaimed(_logger, FileLogId(name));
                try
                {
                    var reader = NoteReaders.Open(claimed, null, _options.IdColumn, _options.TextColumn, _options.MaxNoteChars);
                    return new FileWork(claimed, reader, null);
                }
                catch (TextMiningException ex)
                {
                    return new FileWork(claimed, null, new NoteProblem(null, claimed, null, ex.Code, ex.Reason));
                }
            }
            catch (IOException) { /* gone or taken meanwhile: try the next file */ }
        }
        return null;
    }

    private static NoteInput? Peek(FileWork work)
    {
        if (work.Lookahead is not null) return work.Lookahead;
        if (work.Exhausted || work.Notes is null) return null;
        try
        {
            if (work.Notes.MoveNext()) return work.Lookahead = work.Notes.Current;
        }
        catch (TextMiningException ex)
        {
            // The rest of the file cannot be read (e.g. a CSV without the text column): one problem for the file.
            work.Exhausted = true;
            return work.Lookahead = NoteInput.Bad(new NoteProblem(null, work.Path, null, ex.Code, ex.Reason));
        }
        catch (IOException ex)
        {
            work.Exhausted = true;
            return work.Lookahead = NoteInput.Bad(new NoteProblem(null, work.Path, null, ErrorCodes.UnreadableInput, ex.Message));
        }
        work.Exhausted = true;
        return null;
    }

    private static NoteInput? Next(FileWork work)
    {
        var next = Peek(work);
        work.Lookahead = null;
        return next;
    }

    private void Finish(FileWork work)
    {
        work.Notes?.Dispose();
        var failedFile = work.Labeled == 0 && work.Failed > 0;
        var target = failedFile ? _failed : _done;
        File.Move(work.Path, Unique(Path.Combine(target, Path.GetFileName(work.Path))));
        Log.FileDone(_logger, FileLogId(Path.GetFileName(work.Path)), work.Labeled, work.Failed, failedFile ? "failed" : "done");
        _current = null;
    }

    private static string Unique(string path)
    {
        if (!File.Exists(path)) return path;
        var dir = Path.GetDirectoryName(path)!;
        var stem = Path.GetFileNameWithoutExtension(path);
        var ext = Path.GetExtension(path);
        for (var i = 1; ; i++)
        {
            var candidate = Path.Combine(dir, $"{stem}.{i}{ext}");
            if (!File.Exists(candidate)) return candidate;
        }
    }

    public void Dispose()
    {
        _current?.Notes?.Dispose();
        _errors?.Dispose();
    }
}
