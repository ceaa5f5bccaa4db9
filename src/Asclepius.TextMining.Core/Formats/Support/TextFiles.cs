using System.Text;
using Asclepius.TextMining.Core.Errors;

namespace Asclepius.TextMining.Core.Formats.Support;

/// <summary>Whole-file reads and writes with the house rules: strict UTF-8 in, UTF-8 without BOM and "\n" out.</summary>
internal static class TextFiles
{
    public static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Reads a whole text file. Unreadable → ATM111; NUL bytes or invalid UTF-8 → ATM104 with the line;
    /// more than <paramref name="maxChars"/> characters → ATM109. A leading BOM is dropped.
    /// </summary>
    public static string ReadAllStrict(string path, int maxChars)
    {
        byte[] bytes;
        if (Files.SpecialFile.Is(path)) throw new RecordException(ErrorCodes.UnreadableInput, Files.SpecialFile.Reason);
        try
        {
            var info = new FileInfo(path);
            // UTF-8 needs at least one byte per UTF-16 unit and at most 3 (4 bytes = 2 units): a cheap early refusal.
            if (info.Exists && info.Length > (long)maxChars * 3 + 3)
                throw new RecordException(ErrorCodes.InputTooLarge, $"file is {info.Length:N0} bytes, over the limit of {maxChars:N0} characters");
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RecordException(ErrorCodes.UnreadableInput, $"cannot read: {e.Message}");
        }
        var span = bytes.AsSpan();
        if (span.StartsWith("\uFEFF"u8)) span = span[3..];
        var nul = span.IndexOf((byte)0);
        if (nul >= 0) throw new RecordException(ErrorCodes.InvalidEncoding, "binary content (NUL byte)", LineOf(span, nul));
        string text;
        try
        {
            text = Utf8LineReader.StrictUtf8.GetString(span);
        }
        catch (DecoderFallbackException e)
        {
            throw new RecordException(ErrorCodes.InvalidEncoding, "invalid UTF-8", LineOf(span, FirstInvalid(span, e.Index)));
        }
        if (text.Length > maxChars)
            throw new RecordException(ErrorCodes.InputTooLarge, $"{text.Length:N0} characters, over the limit of {maxChars:N0}");
        return text;
    }

    public static StreamWriter CreateWriter(string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        return new StreamWriter(path, append: false, Utf8NoBom, 1 << 16) { NewLine = "\n" };
    }

    /// <summary>
    /// Writes a whole text file. A text that itself begins with U+FEFF gets a BOM before it: readers drop one
    /// leading BOM, so without it that character would be lost on reading.
    /// </summary>
    public static void WriteAll(string path, string text)
    {
        using var w = CreateWriter(path);
        if (text.StartsWith('\uFEFF')) w.Write('\uFEFF');
        w.Write(text);
    }

    /// <summary>1-based line of a byte offset.</summary>
    public static int LineOf(ReadOnlySpan<byte> bytes, int offset)
    {
        var line = 1;
        var upto = Math.Min(offset, bytes.Length);
        for (var i = 0; i < upto; i++) if (bytes[i] == (byte)'\n') line++;
        return line;
    }

    private static int FirstInvalid(ReadOnlySpan<byte> bytes, int hint)
    {
        // DecoderFallbackException.Index is relative to the decoder's internal chunk; find the spot ourselves.
        var status = System.Text.Unicode.Utf8.ToUtf16(bytes, new char[bytes.Length], out var read, out _, replaceInvalidSequences: false);
        return status == System.Buffers.OperationStatus.InvalidData ? read : Math.Max(0, hint);
    }

    /// <summary>Replaces characters a line-based format cannot hold (tab, CR, LF, and the given extras) by spaces, keeping offsets.</summary>
    public static string Flatten(string s, out bool changed, params char[] extra)
    {
        changed = false;
        if (s.AsSpan().IndexOfAny('\t', '\r', '\n') < 0 && (extra.Length == 0 || s.AsSpan().IndexOfAny(extra) < 0)) return s;
        var chars = s.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] is '\t' or '\r' or '\n' || Array.IndexOf(extra, chars[i]) >= 0)
            {
                chars[i] = ' ';
                changed = true;
            }
        }
        return new string(chars);
    }
}
