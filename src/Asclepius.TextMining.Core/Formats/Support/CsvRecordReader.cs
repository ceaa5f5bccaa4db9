using System.Text;
using Asclepius.TextMining.Core.Errors;

namespace Asclepius.TextMining.Core.Formats.Support;

/// <summary>
/// RFC 4180 records over a <see cref="Utf8LineReader"/>: comma-separated, fields optionally in double quotes,
/// "" inside quotes for one quote, line breaks allowed inside quotes (kept as they were written: "\r\n" or "\n").
/// Blank lines between records are skipped. Errors carry the line where their record starts.
/// </summary>
internal sealed class CsvRecordReader
{
    private readonly Utf8LineReader _lines;
    private readonly StringBuilder _field = new();

    public CsvRecordReader(Utf8LineReader lines) => _lines = lines;

    /// <summary>1-based line on which the record returned last starts.</summary>
    public int RecordLine { get; private set; }

    /// <summary>The next record, or null at the end of the file. Throws <see cref="RecordException"/> for a bad record.</summary>
    public List<string>? Read()
    {
        string? line;
        do
        {
            line = NextLine();
            if (line is null) return null;
        }
        while (line.Length == 0);

        RecordLine = _lines.LineNumber;
        var fields = new List<string>();
        _field.Clear();
        var quoted = false;      // inside a quoted field
        var wasQuoted = false;   // the current field was quoted and its quote closed
        var i = 0;
        while (true)
        {
            if (i >= line.Length)
            {
                if (!quoted)
                {
                    fields.Add(_field.ToString());
                    return fields;
                }
                // A line break inside quotes belongs to the field.
                var terminator = _lines.LastTerminator;
                var next = NextLine();
                if (next is null || terminator.Length == 0)
                    throw new RecordException(ErrorCodes.MalformedRecord, $"quoted field opened on line {RecordLine} is never closed", RecordLine);
                _field.Append(terminator);
                line = next;
                i = 0;
                continue;
            }
            var c = line[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < line.Length && line[i + 1] == '"') { _field.Append('"'); i += 2; continue; }
                    quoted = false;
                    wasQuoted = true;
                    i++;
                    continue;
                }
                _field.Append(c);
                i++;
                continue;
            }
            if (c == ',')
            {
                fields.Add(_field.ToString());
                _field.Clear();
                wasQuoted = false;
                i++;
                continue;
            }
            if (wasQuoted)
                throw new RecordException(ErrorCodes.MalformedRecord, $"unexpected '{c}' after a closing quote (field {fields.Count + 1}, line {_lines.LineNumber})", RecordLine);
            if (c == '"' && _field.Length == 0) { quoted = true; i++; continue; }
            _field.Append(c); // a stray quote inside an unquoted field is kept as text, as most writers expect
            i++;
        }
    }

    private string? NextLine()
    {
        try
        {
            return _lines.ReadLine();
        }
        catch (RecordException e)
        {
            // Skip the undecodable line so that a lenient caller can go on after it.
            throw e.At(_lines.LineNumber, null);
        }
    }
}
