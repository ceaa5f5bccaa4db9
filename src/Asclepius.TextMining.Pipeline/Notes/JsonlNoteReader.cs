using System.Globalization;
using System.Text.Json;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Formats;

namespace Asclepius.TextMining.Pipeline.Notes;

/// <summary>
/// JSON Lines notes: one object per line with an id (string or integer; field "id" unless told) and a text
/// (field "text" unless told). The native corpus JSONL reads this way too (its annotations are ignored:
/// the model predicts). Each bad line is reported with its line number and the next one is read.
/// </summary>
public sealed class JsonlNoteReader : LineFileNoteReader
{
    private readonly string _idField;
    private readonly string _textField;

    public JsonlNoteReader(string path, string? idField = null, string? textField = null, int maxChars = NoteText.DefaultMaxChars)
        : base(path, maxChars)
    {
        _idField = idField ?? "id";
        _textField = textField ?? "text";
    }

    public override IEnumerable<NoteInput> Read(CancellationToken cancellationToken = default)
    {
        // JSON escapes can take up to 6 bytes per character ("\u00e9"); allow that plus room for other fields.
        var maxLine = (int)Math.Min(int.MaxValue - 64, 6L * MaxChars + (1 << 20));
        using var lines = OpenLines(maxLine);
        while (lines.TryReadLine(out var bytes, out var truncated))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var lineNo = lines.LineNumber;
            if (truncated)
            {
                yield return Bad(null, lineNo, ErrorCodes.InputTooLarge, $"the line is longer than {maxLine:N0} bytes, over the note size limit (--max-note-chars {MaxChars:N0})");
                continue;
            }
            if (bytes.Trim((byte)'\r').Trim((byte)' ').Trim((byte)'\t').IsEmpty) continue;
            yield return ParseLine(bytes, lineNo);
        }
    }

    private NoteInput ParseLine(ReadOnlySpan<byte> bytes, int lineNo)
    {
        if (bytes.IndexOf((byte)0) >= 0) return Bad(null, lineNo, ErrorCodes.InvalidEncoding, "binary content (NUL byte)");
        if (!System.Text.Unicode.Utf8.IsValid(bytes)) return Bad(null, lineNo, ErrorCodes.InvalidEncoding, "not valid UTF-8");
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(bytes.ToArray(), new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            return Bad(null, lineNo, ErrorCodes.MalformedRecord, $"not valid JSON ({Redaction.Position(ex)})");
        }
        using (json)
        {
            try
            {
                return Note(json.RootElement, lineNo);
            }
            catch (InvalidOperationException)
            {
                return Bad(null, lineNo, ErrorCodes.InvalidEncoding, JsonlFormat.LoneSurrogate);
            }
        }
    }

    private NoteInput Note(JsonElement root, int lineNo)
    {
        if (root.ValueKind != JsonValueKind.Object) return Bad(null, lineNo, ErrorCodes.MalformedRecord, $"expected a JSON object, found {root.ValueKind}");
        string? id = null;
        if (root.TryGetProperty(_idField, out var idElement))
        {
            id = idElement.ValueKind switch
            {
                JsonValueKind.String => idElement.GetString(),
                JsonValueKind.Number when idElement.TryGetInt64(out var n) => n.ToString(CultureInfo.InvariantCulture),
                _ => null,
            };
            if (id is null) return Bad(null, lineNo, ErrorCodes.MalformedRecord, $"\"{_idField}\" must be a string or an integer, found {idElement.ValueKind}");
        }
        if (string.IsNullOrWhiteSpace(id)) return Bad(null, lineNo, ErrorCodes.MalformedRecord, $"no \"{_idField}\" (the note id); pass --id-column to name the id field");
        if (!root.TryGetProperty(_textField, out var textElement) || textElement.ValueKind != JsonValueKind.String)
            return Bad(id, lineNo, ErrorCodes.MissingColumn, $"no string \"{_textField}\" (the note text); pass --text-column to name the text field");
        return Note(id, textElement.GetString()!, lineNo);
    }
}
