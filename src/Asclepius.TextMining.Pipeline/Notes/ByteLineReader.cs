namespace Asclepius.TextMining.Pipeline.Notes;

/// <summary>
/// Reads a file as raw byte lines split at '\n' (the '\n' is not returned; a '\r' before it is kept, so
/// callers decide). A line longer than <see cref="MaxLineBytes"/> is cut there and flagged, and the rest of
/// it is skipped without being held in memory: one runaway line cannot exhaust memory.
/// </summary>
internal sealed class ByteLineReader : IDisposable
{
    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _end;
    private byte[] _line = new byte[1024];
    private bool _eof;

    public ByteLineReader(Stream stream, int maxLineBytes)
    {
        _stream = stream;
        MaxLineBytes = maxLineBytes;
    }

    public int MaxLineBytes { get; }

    /// <summary>1-based number of the line last returned.</summary>
    public int LineNumber { get; private set; }

    /// <summary>Bytes consumed so far (for progress).</summary>
    public long Position { get; private set; }

    /// <summary>Reads the next line. <paramref name="truncated"/> is true when the line was longer than the limit.</summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line, out bool truncated)
    {
        var length = 0;
        truncated = false;
        var any = false;
        while (true)
        {
            if (_start == _end)
            {
                if (_eof || !Fill())
                {
                    _eof = true;
                    if (!any) { line = default; return false; }
                    break;
                }
            }
            any = true;
            var span = _buffer.AsSpan(_start, _end - _start);
            var nl = span.IndexOf((byte)'\n');
            var take = nl >= 0 ? nl : span.Length;
            var keep = Math.Min(take, MaxLineBytes - length);
            if (keep < take) truncated = true;
            if (keep > 0)
            {
                if (length + keep > _line.Length) Array.Resize(ref _line, Math.Max(_line.Length * 2, length + keep));
                span[..keep].CopyTo(_line.AsSpan(length));
                length += keep;
            }
            _start += nl >= 0 ? nl + 1 : take;
            Position += nl >= 0 ? nl + 1 : take;
            if (nl >= 0) break;
        }
        LineNumber++;
        line = _line.AsSpan(0, length);
        return true;
    }

    private bool Fill()
    {
        _start = 0;
        _end = _stream.Read(_buffer, 0, _buffer.Length);
        return _end > 0;
    }

    public void Dispose() => _stream.Dispose();
}
