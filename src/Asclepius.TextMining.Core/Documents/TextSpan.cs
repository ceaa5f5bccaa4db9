namespace Asclepius.TextMining.Core.Documents;

/// <summary>A half-open range [Start, End) of UTF-16 code units in a document's text.</summary>
public readonly record struct TextSpan
{
    public TextSpan(int start, int end)
    {
        if (start < 0) throw new ArgumentOutOfRangeException(nameof(start), start, "span start must be >= 0");
        if (end < start) throw new ArgumentOutOfRangeException(nameof(end), end, $"span end must be >= start ({start})");
        Start = start;
        End = end;
    }

    public int Start { get; }
    public int End { get; }
    public int Length => End - Start;

    public bool Overlaps(TextSpan other) => Start < other.End && other.Start < End;
    public bool Contains(TextSpan other) => Start <= other.Start && other.End <= End;
    public bool Contains(int offset) => Start <= offset && offset < End;

    /// <summary>True when the span lies inside a text of the given length.</summary>
    public bool FitsIn(int textLength) => End <= textLength;

    public override string ToString() => $"[{Start},{End})";
}
