using System.Globalization;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Formats.Support;

namespace Asclepius.TextMining.Pipeline.Notes;

/// <summary>
/// What the readers of one line-based file of notes (CSV/TSV, JSON Lines) share: the file must exist when the
/// reader is made, progress is the bytes of it read so far, a note's text passes <see cref="NoteText.Check"/>,
/// and every note and problem names the file and the line it starts on (metadata "source" and "line").
/// </summary>
public abstract class LineFileNoteReader : INoteReader
{
    private Utf8LineReader? _lines;

    protected LineFileNoteReader(string path, int maxChars)
    {
        if (!File.Exists(path)) throw new TextMiningException(ErrorCodes.UnreadableInput, "no such file", path);
        Source = path;
        MaxChars = maxChars;
        ProgressTotal = new FileInfo(path).Length;
    }

    /// <summary>The file's path, as given.</summary>
    public string Source { get; }
    public long ProgressTotal { get; }
    public long ProgressPosition => _lines?.Position ?? 0;
    public string ProgressUnit => "bytes";

    /// <summary>The longest note text read, in characters; a longer one is reported (ATM109), not read.</summary>
    protected int MaxChars { get; }

    public abstract IEnumerable<NoteInput> Read(CancellationToken cancellationToken = default);

    /// <summary>The file's lines, a line longer than <paramref name="maxLineBytes"/> cut there; progress follows them.</summary>
    protected Utf8LineReader OpenLines(int maxLineBytes) => _lines = new Utf8LineReader(Source, maxLineBytes);

    /// <summary>The note read at <paramref name="line"/>, or the problem its text has.</summary>
    protected NoteInput Note(string id, string text, int line)
    {
        var bad = NoteText.Check(text, MaxChars, out var why);
        if (bad is not null) return Bad(id, line, bad, why);
        return NoteInput.Ok(new Document(id, text, new Dictionary<string, string>
        {
            ["source"] = Source,
            ["line"] = line.ToString(CultureInfo.InvariantCulture),
        }));
    }

    protected NoteInput Bad(string? id, int line, string code, string reason) => NoteInput.Bad(new NoteProblem(id, Source, line, code, reason));
}
