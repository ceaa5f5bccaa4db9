// Records/s of CSV readers on one file (issue #15: which CSV reader the product uses).
// Usage: CsvBench FILE [rounds]. Each reader reads every record of FILE and materialises every field as a
// string (what the product's readers need), and reports the line a record starts on where it can.
// The line check: each reader's start line of the last record must equal ours.
using System.Diagnostics;
using System.Globalization;
using Asclepius.TextMining.Core.Formats;
using Asclepius.TextMining.Core.Formats.Support;
using Asclepius.TextMining.Pipeline.Notes;
using CsvHelper;
using nietras.SeparatedValues;
using Sylvan.Data.Csv;

var file = args.Length > 0 ? args[0] : throw new ArgumentException("usage: CsvBench FILE [rounds]");
var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;

var readers = new (string Name, Func<string, (long Records, long Chars, long LastLine)> Run)[]
{
    ("ours: CsvRecordReader", Ours),
    ("Sep 0.18.0", SepRead),
    ("Sylvan.Data.Csv 1.4.4", SylvanRead),
    ("CsvHelper 34.0.0", CsvHelperRead),
    ("ours, whole note reader (CsvNoteReader: ids, checks)", NoteReader),
    ("ours, whole corpus reader (CsvFormat)", CorpusReader),
};

Console.WriteLine($"file {file} ({new FileInfo(file).Length:N0} bytes), {Environment.ProcessorCount} cores, {rounds} rounds, best round reported");
foreach (var (name, run) in readers)
{
    run(file); // warm-up
    var best = double.MaxValue;
    (long Records, long Chars, long LastLine) result = default;
    for (var r = 0; r < rounds; r++)
    {
        var sw = Stopwatch.StartNew();
        result = run(file);
        best = Math.Min(best, sw.Elapsed.TotalSeconds);
    }
    Console.WriteLine($"{name,-55} {result.Records,9:N0} records {result.Chars,13:N0} chars {result.Records / best,12:N0} records/s  {best,7:F3} s  last record starts on line {(result.LastLine < 0 ? "n/a" : result.LastLine.ToString("N0", CultureInfo.InvariantCulture))}");
}

static (long, long, long) Ours(string path)
{
    using var lines = new Utf8LineReader(path);
    var csv = new CsvRecordReader(lines);
    long n = 0, chars = 0, last = 0;
    while (csv.Read() is { } record)
    {
        n++;
        foreach (var f in record.Fields) chars += f.Length;
        last = record.Line;
    }
    return (n, chars, last);
}

static (long, long, long) SepRead(string path)
{
    using var reader = Sep.Reader(o => o with { HasHeader = false, Unescape = true, DisableColCountCheck = true }).FromFile(path);
    long n = 0, chars = 0, last = 0;
    foreach (var row in reader)
    {
        n++;
        for (var i = 0; i < row.ColCount; i++) chars += row[i].ToString().Length;
        last = row.LineNumberFrom;
    }
    return (n, chars, last);
}

static (long, long, long) SylvanRead(string path)
{
    using var reader = Sylvan.Data.Csv.CsvDataReader.Create(path, new CsvDataReaderOptions { HasHeaders = false, MaxBufferSize = 1 << 26 });
    long n = 0, chars = 0;
    while (reader.Read())
    {
        n++;
        for (var i = 0; i < reader.FieldCount; i++) chars += reader.GetString(i).Length;
    }
    // Sylvan counts records (RowNumber), not lines: a record with a quoted line break spans several.
    return (n, chars, -1);
}

static (long, long, long) CsvHelperRead(string path)
{
    // CsvHelper 34 parses UTF-8 bytes (SIMD); line numbers need TrackLineNumbers.
    using var reader = CsvReader.FromFile(path, CsvReaderOptions.Default with { HasHeader = false, Separator = ',', TrackLineNumbers = true });
    long n = 0, chars = 0, last = 0;
    while (reader.Read())
    {
        n++;
        for (var i = 0; i < reader.FieldCount; i++) chars += reader.GetString(i).Length;
        last = reader.LineNumber;
    }
    return (n, chars, last);
}

static (long, long, long) NoteReader(string path)
{
    long n = 0, chars = 0, last = 0;
    foreach (var note in new CsvNoteReader(path).Read())
    {
        n++;
        if (note.Document is { } d) { chars += d.Text.Length; last = int.Parse(d.Meta["line"], CultureInfo.InvariantCulture); }
    }
    return (n, chars, last);
}

static (long, long, long) CorpusReader(string path)
{
    long n = 0, chars = 0;
    foreach (var doc in new CsvFormat().Read(path, ReadOptions.Strict, new ReadReport()))
    {
        n++;
        chars += doc.Text.Length;
    }
    return (n, chars, -1);
}
