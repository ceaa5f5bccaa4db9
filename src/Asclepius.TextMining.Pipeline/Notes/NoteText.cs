using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Asclepius.TextMining.Core.Errors;

namespace Asclepius.TextMining.Pipeline.Notes;

/// <summary>
/// The checks every note passes before a model sees it, whatever its source: valid UTF-8, not binary,
/// not empty, not over the size limit. A failed check names its reason; nothing is guessed or repaired.
/// </summary>
public static class NoteText
{
    public const int DefaultMaxChars = 1_000_000;

    /// <summary>Decodes strict UTF-8 (a leading BOM is dropped). Null and a reason when the bytes are not valid UTF-8 or are binary.</summary>
    public static string? Decode(ReadOnlySpan<byte> bytes, out string? code, out string? reason)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) bytes = bytes[3..];
        var nul = bytes.IndexOf((byte)0);
        if (nul >= 0)
        {
            code = ErrorCodes.InvalidEncoding;
            reason = $"binary content (NUL byte at byte {nul}); notes must be UTF-8 text";
            return null;
        }
        var chars = ArrayPool<char>.Shared.Rent(Math.Max(16, bytes.Length));
        try
        {
            var status = Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false);
            if (status != OperationStatus.Done)
            {
                code = ErrorCodes.InvalidEncoding;
                reason = $"not valid UTF-8 (bad byte sequence at byte {read})";
                return null;
            }
            code = null;
            reason = null;
            return new string(chars, 0, written);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>Null when the text can be labeled; else the error code, with the reason in <paramref name="reason"/>.</summary>
    public static string? Check(string? text, int maxChars, out string reason)
    {
        if (text is null) { reason = "the note has no text (NULL)"; return ErrorCodes.EmptyInput; }
        if (text.Length > maxChars) { reason = $"the note has {text.Length:N0} characters, over the limit of {maxChars:N0} (--max-note-chars)"; return ErrorCodes.InputTooLarge; }
        var control = 0;
        var blank = true;
        foreach (var c in text)
        {
            if (c == '\0') { reason = "binary content (NUL character)"; return ErrorCodes.InvalidEncoding; }
            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t' or '\f' or '\v')) control++;
            if (blank && !char.IsWhiteSpace(c)) blank = false;
        }
        // A few stray control characters happen in real exports; a text made of them is a binary file.
        if (control > 8 && control > text.Length / 100) { reason = $"binary content ({control} control characters)"; return ErrorCodes.InvalidEncoding; }
        if (blank) { reason = "the note is empty"; return ErrorCodes.EmptyInput; }
        reason = "";
        return null;
    }

    /// <summary>The strict UTF-8 encoding used by every writer: no BOM.</summary>
    public static readonly Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
