using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Files;
using Asclepius.TextMining.Pipeline.Files;

namespace Asclepius.TextMining.Pipeline.Notes;

/// <summary>
/// A folder of plain-text notes, one note per .txt file, searched recursively in a stable (ordinal) order.
/// The note id is the path below the folder without ".txt" ("2024/note-17"). BRAT folders read the same
/// way (their .ann files are ignored: the model predicts). A single .txt file is one note. Other files are
/// reported as skipped, never silently dropped. Links are followed without looping (<see cref="FolderWalk"/>),
/// and a file reached by a second path (a link to a note already listed) is reported (ATM108), not labeled twice.
/// </summary>
public sealed class TextFolderNoteReader : INoteReader
{
    private static readonly HashSet<string> IgnoredExtensions = new(StringComparer.OrdinalIgnoreCase) { ".ann", ".conf" };
    private readonly string _root;
    private readonly int _maxChars;
    private readonly bool _singleFile;

    public TextFolderNoteReader(string path, int maxChars = NoteText.DefaultMaxChars)
    {
        _root = Path.GetFullPath(path);
        _singleFile = File.Exists(_root);
        if (!_singleFile && !Directory.Exists(_root)) throw new TextMiningException(ErrorCodes.UnreadableInput, "no such file or folder", path);
        _maxChars = maxChars;
        Source = path;
    }

    public string Source { get; }
    public long ProgressTotal { get; private set; }
    public long ProgressPosition { get; private set; }
    public string ProgressUnit => "files";

    public IEnumerable<NoteInput> Read(CancellationToken cancellationToken = default)
    {
        // Names only (not contents) are listed up front, for a stable order and a progress total.
        IReadOnlyList<FolderWalk.Entry> files = _singleFile ? [new FolderWalk.Entry(_root, null)] : FolderWalk.Files(_root);
        ProgressTotal = files.Count;
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ProgressPosition++;
            if (IgnoredExtensions.Contains(Path.GetExtension(file.Path))) continue;
            yield return ReadFile(file);
        }
    }

    private string IdOf(string file)
    {
        var relative = _singleFile ? Path.GetFileName(file) : Path.GetRelativePath(_root, file).Replace(Path.DirectorySeparatorChar, '/');
        return relative.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) ? relative[..^4] : relative;
    }

    private NoteInput ReadFile(FolderWalk.Entry entry)
    {
        var file = entry.Path;
        var id = IdOf(file);
        if (!file.EndsWith(".txt", StringComparison.OrdinalIgnoreCase))
            return NoteInput.Bad(new NoteProblem(null, file, null, ErrorCodes.UnknownFormat, "not a .txt note; skipped"));
        if (entry.SameAs is { } kept)
            return NoteInput.Bad(new NoteProblem(id, file, null, ErrorCodes.DuplicateId, $"the same file as note '{IdOf(kept)}' (reached through a link); labeled once, as that note"));
        if (SpecialFile.Is(file)) return NoteInput.Bad(new NoteProblem(id, file, null, ErrorCodes.UnreadableInput, SpecialFile.Reason));
        byte[] bytes;
        try
        {
            // UTF-8 needs at least one byte per UTF-16 code unit and at most three: a file over 3x the
            // character limit is too large without being read.
            var length = new FileInfo(file).Length;
            if (length > 3L * _maxChars)
                return NoteInput.Bad(new NoteProblem(id, file, null, ErrorCodes.InputTooLarge, $"the file has {length:N0} bytes, over the limit of {_maxChars:N0} characters (--max-note-chars)"));
            bytes = File.ReadAllBytes(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return NoteInput.Bad(new NoteProblem(id, file, null, ErrorCodes.UnreadableInput, $"cannot read the file: {ex.Message}"));
        }
        var text = NoteText.Decode(bytes, out var code, out var reason);
        if (text is null) return NoteInput.Bad(new NoteProblem(id, file, null, code!, reason!));
        var bad = NoteText.Check(text, _maxChars, out var why);
        if (bad is not null) return NoteInput.Bad(new NoteProblem(id, file, null, bad, why));
        return NoteInput.Ok(new Document(id, text, new Dictionary<string, string> { ["source"] = file }));
    }
}
