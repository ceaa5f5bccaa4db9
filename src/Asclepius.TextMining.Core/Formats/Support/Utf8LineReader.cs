using System.Text;
using Asclepius.TextMining.Core.Errors;

namespace Asclepius.TextMining.Core.Formats.Support;

/// <summary>
/// The one line reader of the product: streams a file line by line as raw UTF-8 bytes, counting lines, so
/// that every error can name its line. Decoding is the caller's choice; <see cref="Decode"/> is strict:
/// invalid UTF-8 and NUL bytes (binary content) are errors, never replaced.
/// A leading UTF-8 byte order mark is skipped. "\r\n" and "\n" both end a line; the terminator is kept
/// in <see cref="LastTerminator"/> for readers (CSV) that must put it back inside a quoted field.
/// With a <c>maxLineBytes</c> limit a longer line is cut there and flagged, and the rest of it is skipped
/// without being held in memory: one runaway line (a note reader's input) cannot exhaust memory.
/// </summary>
public sealed class Utf8LineReader : IDisposable
{
    public static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The longest line held whole when no <c>maxLineBytes</c> cap is given (1 GiB).</summary>
    public const int LongestLineHeld = 1 << 30;

    private readonly Stream _stream;
    private byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _end;
    private long _read;
    private bool _eof;
    private bool _first = true;

    /// <summary>Opens <paramref name="path"/>; an unreadable file is <see cref="ErrorCodes.UnreadableInput"/>.</summary>
    public Utf8LineReader(string path, int maxLineBytes = int.MaxValue)
        : this(Open(path), path, maxLineBytes)
    {
    }

    public Utf8LineReader(Stream stream, string path, int maxLineBytes = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineBytes, 1);
        _stream = stream;
        Path = path;
        MaxLineBytes = maxLineBytes;
    }

    public string Path { get; }

    /// <summary>The longest line kept whole, in bytes (without its terminator).</summary>
    public int MaxLineBytes { get; }

    /// <summary>1-based number of the line returned last.</summary>
    public int LineNumber { get; private set; }

    /// <summary>Bytes of the file consumed so far (for progress).</summary>
    public long Position => _read - (_end - _start);

    /// <summary>"\r\n", "\n", or "" (the last line had none).</summary>
    public string LastTerminator { get; private set; } = "";

    /// <summary>The next line's bytes without its terminator; valid until the next call.</summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line) => TryReadLine(out line, out _);

    /// <summary>
    /// The next line's bytes without its terminator, valid until the next call; <paramref name="truncated"/>
    /// says that the line was longer than <see cref="MaxLineBytes"/> and only its start is returned.
    /// </summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line, out bool truncated)
    {
        truncated = false;
        var scanned = 0; // bytes after _start known to hold no '\n'
        while (true)
        {
            if (_first && (_end - _start >= 3 || _eof))
            {
                _first = false;
                if (_buffer.AsSpan(_start, _end - _start).StartsWith("\uFEFF"u8)) _start += 3;
            }
            var span = _buffer.AsSpan(_start, _end - _start);
            var nl = _first ? -1 : span[scanned..].IndexOf((byte)'\n');
            if (nl >= 0)
            {
                var content = scanned + nl;
                LastTerminator = "\n";
                if (!truncated && content > 0 && span[content - 1] == (byte)'\r') { content--; LastTerminator = "\r\n"; }
                line = span[..Math.Min(content, MaxLineBytes)];
                _start += scanned + nl + 1;
                LineNumber++;
                return true;
            }
            if (_eof)
            {
                if (_end == _start && !truncated) { line = default; return false; }
                line = span[..Math.Min(span.Length, MaxLineBytes)];
                LastTerminator = "";
                _start = _end;
                LineNumber++;
                return true;
            }
            scanned = span.Length;
            if (scanned > MaxLineBytes)
            {
                // Keep the first MaxLineBytes of the line; drop the rest as it is read.
                truncated = true;
                _end = _start + MaxLineBytes;
                scanned = MaxLineBytes;
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
        var problem = Check(bytes);
        if (problem is not null) throw new RecordException(ErrorCodes.InvalidEncoding, problem, line);
        return StrictUtf8.GetString(bytes);
    }

    /// <summary>Why <paramref name="bytes"/> are not text (binary content or invalid UTF-8), or null when they are.</summary>
    public static string? Check(ReadOnlySpan<byte> bytes)
    {
        var nul = bytes.IndexOf((byte)0);
        if (nul >= 0) return $"binary content (NUL byte at column {nul + 1})";
        if (System.Text.Unicode.Utf8.IsValid(bytes)) return null;
        try
        {
            StrictUtf8.GetCharCount(bytes);
            return "invalid UTF-8";
        }
        catch (DecoderFallbackException e)
        {
            return $"invalid UTF-8 at byte {e.Index + 1} of the line";
        }
    }

    private static FileStream Open(string path)
    {
        Files.SpecialFile.Refuse(path);
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TextMiningException(ErrorCodes.UnreadableInput, $"cannot open: {e.Message}", path, e);
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
        if (_end == _buffer.Length)
        {
            // Without a maxLineBytes cap a line is held whole; past 1 GiB the next doubling would fail inside
            // .NET (arrays end near 2 GiB) with an uncoded exception, so stop with a coded error instead.
            if (_buffer.Length >= LongestLineHeld)
                throw new TextMiningException(ErrorCodes.InputTooLarge,
                    $"line {LineNumber + 1} is longer than {LongestLineHeld / (1 << 20)} MiB; no line of a text format is that long", Path);
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
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
        _read += read;
    }

    public void Dispose() => _stream.Dispose();
}
