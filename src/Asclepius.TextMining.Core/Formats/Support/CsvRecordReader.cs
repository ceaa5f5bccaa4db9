using System.Text;
using Asclepius.TextMining.Core.Errors;

namespace Asclepius.TextMining.Core.Formats.Support;

/// <summary>
/// The one CSV (and TSV) record reader of the product, used by the corpus format (<see cref="CsvFormat"/>) and
/// the note reader of batch labeling: RFC 4180 records over a <see cref="Utf8LineReader"/>, fields optionally in
/// double quotes, "" inside quotes for one quote, line breaks allowed inside quotes (kept as they were written:
/// "\r\n" or "\n"). Blank lines between records are skipped. A bad record is returned with its
/// <see cref="CsvProblem"/> and the line where it starts, after the reader has found where it ends, so the
/// next record is read correctly; only a quote never closed is fatal. Past <c>maxRecordChars</c> a record is
/// parsed to its end but no longer stored, so memory stays bounded even when a quote is never closed.
/// </summary>
/// <remarks>
/// Why our own code and not a library (measured on MTSamples ×100 with bench/csv.sh; numbers in docs/BENCHMARKS.md):
/// Sep 0.18 reads a little faster than this reader and Sylvan.Data.Csv 1.4.4 slower, and both decode through a
/// TextReader, so invalid UTF-8 and NUL bytes reach them already replaced: neither can report ATM104 for one
/// record and go on. CsvHelper 34 parses UTF-8 bytes two to three times faster, gives the start line of each
/// record and recovers from bad quoting as this reader does, but a record longer than its MaxRecordSize makes
/// every later Read throw again (tried with 34.0.0), so one oversized note would end the file, which the note
/// readers report and read past (ATM109); without that limit a never-closed quote grows its buffer toward 2 GiB.
/// Its speed would not show: this reader reads tens of thousands of MTSamples notes/s, the fastest labeling model ~900.
/// </remarks>
public sealed class CsvRecordReader
{
    private readonly Utf8LineReader _lines;
    private readonly char _delimiter;
    private readonly int _maxRecordChars;
    private readonly bool _strictQuotes;
    private readonly StringBuilder _field = new();

    /// <param name="lines">The file's lines.</param>
    /// <param name="delimiter">',' for CSV, '\t' for TSV.</param>
    /// <param name="maxRecordChars">Characters a record may hold; a longer one is <see cref="ErrorCodes.InputTooLarge"/>.</param>
    /// <param name="strictQuotes">
    /// True: text after a field's closing quote (<c>"ab"c</c>) is a <see cref="ErrorCodes.MalformedRecord"/> problem
    /// (corpus files, where it means a misaligned column). False: it is kept as text (notes to label, where losing
    /// a note for a stray quote helps nobody).
    /// </param>
    public CsvRecordReader(Utf8LineReader lines, char delimiter = ',', int maxRecordChars = int.MaxValue, bool strictQuotes = true)
    {
        _lines = lines;
        _delimiter = delimiter;
        _maxRecordChars = maxRecordChars;
        _strictQuotes = strictQuotes;
    }

    /// <summary>1-based line on which the record returned last starts.</summary>
    public int RecordLine { get; private set; }

    /// <summary>The next record, or null at the end of the file.</summary>
    public CsvRecord? Read()
    {
        var fields = new List<string>();
        _field.Clear();
        long size = 0;           // characters of the record met so far, stored or not
        var fieldChars = 0L;     // characters of the current field met so far
        var quoted = false;      // inside a quoted field
        var wasQuoted = false;   // the current field was quoted and its quote closed
        var startLine = 0;
        CsvProblem? problem = null;
        while (true)
        {
            if (!_lines.TryReadLine(out var bytes, out var truncated))
            {
                if (startLine == 0) return null;
                // End of file inside a quoted field: everything after its opening quote was swallowed.
                fields.Add(_field.ToString());
                return new CsvRecord(fields, startLine,
                    new CsvProblem(ErrorCodes.MalformedRecord, $"quoted field opened on line {startLine} is never closed (the quote runs to the end of the file)", true));
            }
            if (startLine == 0)
            {
                if (bytes.IsEmpty && !truncated) continue; // blank line between records
                startLine = RecordLine = _lines.LineNumber;
            }
            if (truncated) problem ??= new CsvProblem(ErrorCodes.InputTooLarge, $"a line of the record is longer than {_lines.MaxLineBytes:N0} bytes", false);
            string line;
            var bad = Utf8LineReader.Check(bytes);
            if (bad is null) line = Encoding.UTF8.GetString(bytes);
            else
            {
                // Go on to the record's end, so the next record is read correctly.
                problem ??= new CsvProblem(ErrorCodes.InvalidEncoding, _lines.LineNumber == startLine ? bad : $"{bad} (line {_lines.LineNumber})", false);
                line = Encoding.UTF8.GetString(bytes).Replace('\0', '\uFFFD');
            }

            // Whole runs of text are found with vectorized searches and appended at once.
            var i = 0;
            while (i < line.Length)
            {
                var rest = line.AsSpan(i);
                if (quoted)
                {
                    var q = rest.IndexOf('"');
                    if (q < 0) { Append(rest); break; }
                    Append(rest[..q]);
                    i += q + 1;
                    if (i < line.Length && line[i] == '"') { Append("\""); i++; } // "" is one quote
                    else { quoted = false; wasQuoted = true; }
                    continue;
                }
                if (fieldChars == 0 && !wasQuoted && rest[0] == '"') { quoted = true; i++; continue; }
                var d = rest.IndexOf(_delimiter);
                var text = d < 0 ? rest : rest[..d];
                if (!text.IsEmpty)
                {
                    // The text is not named in the reason: it is note text.
                    if (wasQuoted && _strictQuotes)
                        problem ??= new CsvProblem(ErrorCodes.MalformedRecord, $"unexpected text after a closing quote (field {fields.Count + 1}, line {_lines.LineNumber})", false);
                    Append(text); // a stray quote inside an unquoted field is kept as text, as most writers expect
                }
                if (d < 0) break;
                fields.Add(_field.ToString());
                _field.Clear();
                fieldChars = 0;
                wasQuoted = false;
                i += d + 1;
            }
            if (quoted)
            {
                if (_lines.LastTerminator.Length == 0) continue; // end of file: reported above
                Append(_lines.LastTerminator); // the line break belongs to the quoted field
                continue;
            }
            fields.Add(_field.ToString());
            if (size > _maxRecordChars) problem ??= new CsvProblem(ErrorCodes.InputTooLarge, $"the record holds more than {_maxRecordChars:N0} characters, over the note size limit", false);
            return new CsvRecord(fields, startLine, problem);
        }

        void Append(ReadOnlySpan<char> text)
        {
            fieldChars += text.Length;
            // Past the cap, keep parsing (to find where the record ends) but stop storing.
            var room = _maxRecordChars - size;
            if (room > 0) _field.Append(text[..(int)Math.Min(room, text.Length)]);
            size += text.Length;
        }
    }
}
