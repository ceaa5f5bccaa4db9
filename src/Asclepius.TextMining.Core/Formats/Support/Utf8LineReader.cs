using System.Text;
using Asclepius.TextMining.Core.Errors;

namespace Asclepius.TextMining.Core.Formats.Support;

/// <summary>
/// Streams a file line by line as raw UTF-8 bytes, counting lines, so that every error can name its line.
/// Decoding is strict: invalid UTF-8 and NUL bytes (binary content) are errors, never replaced.
/// A leading UTF-8 byte order mark is skipped. "\r\n" and "\n" both end a line; the terminator is kept
/// in <see cref="LastTerminator"/> for readers (CSV) that must put it back inside a quoted field.
/// </summary>
internal sealed class Utf8LineReader : IDisposable
{
    public static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Stream _stream;
    private byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _end;
    private bool _eof;
    private bool _first = true;

    public Utf8LineReader(string path)
    {
        Path = path;
        try
        {
            _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TextMiningException(ErrorCodes.UnreadableInput, $"cannot open: {e.Message}", path, e);
        }
    }

    public string Path { get; }

    /// <summary>1-based number of the line returned last.</summary>
    public int LineNumber { get; private set; }

    /// <summary>"\r\n", "\n", or "" (the last line had none).</summary>
    public string LastTerminator { get; private set; } = "";

    /// <summary>The next line's bytes without its terminator; valid until the next call.</summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            var span = _buffer.AsSpan(_start, _end - _start);
            if (_first && (_end - _start >= 3 || _eof))
            {
                _first = false;
                if (span.StartsWith("\uFEFF"u8)) { _start += 3; continue; }
            }
            var nl = _first ? -1 : span.IndexOf((byte)'\n');
            if (nl >= 0)
            {
                var content = nl;
                LastTerminator = "\n";
                if (content > 0 && span[content - 1] == (byte)'\r') { content--; LastTerminator = "\r\n"; }
                line = span[..content];
                _start += nl + 1;
                LineNumber++;
                return true;
            }
            if (_eof)
            {
                if (_end == _start) { line = default; return false; }
                line = span;
                LastTerminator = "";
                _start = _end;
                LineNumber++;
                return true;
            }
            Fill();
        }
    }

    /// <summary>The next line as text (strict UTF-8), or null at the end of the file.</summary>
    public string? ReadLine()
    {
        if (!TryReadLine(out var bytes)) return null;
        return Decode(bytes, LineNumber);
    }

    /// <summary>Strict decoding: NUL bytes and invalid UTF-8 are <see cref="ErrorCodes.InvalidEncoding"/> errors for that line.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes, int? line)
    {
        var nul = bytes.IndexOf((byte)0);
        if (nul >= 0) throw new RecordException(ErrorCodes.InvalidEncoding, $"binary content (NUL byte at column {nul + 1})", line);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new RecordException(ErrorCodes.InvalidEncoding, $"invalid UTF-8 at byte {e.Index + 1} of the line", line);
        }
    }

    private void Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
        int read;
        try
        {
            read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        }
        catch (IOException e)
        {
            throw new TextMiningException(ErrorCodes.UnreadableInput, $"read failed: {e.Message}", Path, e);
        }
        if (read == 0) _eof = true;
        _end += read;
    }

    public void Dispose() => _stream.Dispose();
}
