namespace Asclepius.TextMining.Pipeline.Notes;

/// <summary>
/// Streams the notes of one input (a folder, a file). Never throws for one bad note, line or file: it
/// yields a <see cref="NoteInput"/> with the problem and goes on. Throws only when the input as a whole
/// cannot be used (missing, or a CSV without the text column), with a TextMiningException.
/// </summary>
public interface INoteReader
{
    /// <summary>The input as shown to the user (path).</summary>
    string Source { get; }

    /// <summary>How far the reader has got, in <see cref="ProgressUnit"/>s, out of <see cref="ProgressTotal"/>.</summary>
    long ProgressTotal { get; }

    long ProgressPosition { get; }

    /// <summary>"files" or "bytes".</summary>
    string ProgressUnit { get; }

    IEnumerable<NoteInput> Read(CancellationToken cancellationToken = default);
}
