using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Files;
using Asclepius.TextMining.Core.Formats;

namespace Asclepius.TextMining.Pipeline.Notes;

/// <summary>
/// Picks the note reader for an input: by --in-format when given, else by what the path is (a folder or
/// .txt file: text notes; .jsonl/.ndjson: JSON lines; .csv/.tsv: a table), else a format the Core registry
/// detects. Database inputs (an OMOP NOTE table) are not files and are handled by the stores.
/// </summary>
public static class NoteReaders
{
    public static readonly string[] FileFormats = ["txt", "brat", "jsonl", "csv", "tsv"];

    public static INoteReader Open(string path, string? format, string? idColumn, string? textColumn, int maxChars)
    {
        // Before any reader opens it: a pipe or a device may never end (ATM111).
        SpecialFile.Refuse(path);
        format = format?.ToLowerInvariant();
        switch (format)
        {
            case "txt" or "text" or "brat": return new TextFolderNoteReader(path, maxChars);
            case "jsonl" or "ndjson": return new JsonlNoteReader(path, idColumn, textColumn, maxChars);
            case "csv": return new CsvNoteReader(path, idColumn, textColumn, maxChars, ',');
            case "tsv": return new CsvNoteReader(path, idColumn, textColumn, maxChars, '\t');
            case null: break;
            default:
                return CorpusFormatNoteReader.TryCreate(format, path, idColumn, textColumn, maxChars)
                    ?? throw new TextMiningException(ErrorCodes.UnknownFormat, $"unknown input format '{format}'; known: {string.Join(", ", FileFormats.Concat(CorpusFormats.Names).Distinct())}", path);
        }

        if (Directory.Exists(path)) return new TextFolderNoteReader(path, maxChars);
        if (!File.Exists(path)) throw new TextMiningException(ErrorCodes.UnreadableInput, "no such file or folder", path);
        var ext = Path.GetExtension(path).ToLowerInvariant();
        switch (ext)
        {
            case ".txt": return new TextFolderNoteReader(path, maxChars);
            case ".jsonl" or ".ndjson": return new JsonlNoteReader(path, idColumn, textColumn, maxChars);
            case ".csv": return new CsvNoteReader(path, idColumn, textColumn, maxChars, ',');
            case ".tsv": return new CsvNoteReader(path, idColumn, textColumn, maxChars, '\t');
        }
        var detected = CorpusFormats.All.FirstOrDefault(f => f.Detect(path))
            ?? throw new TextMiningException(ErrorCodes.UnknownFormat, $"cannot tell the input format; pass --in-format with one of: {string.Join(", ", FileFormats.Concat(CorpusFormats.Names).Distinct())}", path);
        return new CorpusFormatNoteReader(detected, path, idColumn, textColumn, maxChars);
    }
}
