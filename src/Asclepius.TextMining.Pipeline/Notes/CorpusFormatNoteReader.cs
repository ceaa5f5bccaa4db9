using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Formats;

namespace Asclepius.TextMining.Pipeline.Notes;

/// <summary>
/// Any corpus format of the Core registry (PubTator, CoNLL, ...) read as notes to label: the text of each
/// document, its annotations ignored. Read leniently, so each bad record becomes a reported problem.
/// </summary>
public sealed class CorpusFormatNoteReader : INoteReader
{
    private readonly ICorpusFormat _format;
    private readonly string _path;
    private readonly int _maxChars;
    private readonly ReadOptions _options;

    public CorpusFormatNoteReader(ICorpusFormat format, string path, string? idColumn, string? textColumn, int maxChars)
    {
        _format = format;
        _path = path;
        _maxChars = maxChars;
        _options = new ReadOptions { Lenient = true, IdColumn = idColumn, TextColumn = textColumn, MaxDocumentChars = maxChars };
        Source = path;
    }

    public string Source { get; }
    public long ProgressTotal { get; private set; }
    public long ProgressPosition { get; private set; }
    public string ProgressUnit => "documents";

    public IEnumerable<NoteInput> Read(CancellationToken cancellationToken = default)
    {
        var report = new ReadReport();
        var reported = 0;
        foreach (var doc in _format.Read(_path, _options, report))
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var p in Drain()) yield return p;
            ProgressPosition++;
            ProgressTotal = ProgressPosition;
            var bad = NoteText.Check(doc.Text, _maxChars, out var why);
            yield return bad is null
                ? NoteInput.Ok(doc.Document)
                : NoteInput.Bad(new NoteProblem(doc.Id, _path, null, bad, why));
        }
        foreach (var p in Drain()) yield return p;

        IEnumerable<NoteInput> Drain()
        {
            var all = report.Problems.ToArray();
            for (; reported < all.Length; reported++)
            {
                var p = all[reported];
                yield return NoteInput.Bad(new NoteProblem(p.DocumentId, p.File, p.Line, p.Code, p.Reason));
            }
        }
    }

    /// <summary>The reader for a registered format name, or null when Core has no such format.</summary>
    public static CorpusFormatNoteReader? TryCreate(string format, string path, string? idColumn, string? textColumn, int maxChars)
    {
        try
        {
            return new CorpusFormatNoteReader(CorpusFormats.Get(format), path, idColumn, textColumn, maxChars);
        }
        catch (TextMiningException ex) when (ex.Code == ErrorCodes.UnknownFormat)
        {
            return null;
        }
    }
}
