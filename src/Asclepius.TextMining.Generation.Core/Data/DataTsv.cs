using Asclepius.TextMining.Core.Errors;

namespace Asclepius.TextMining.Generation.Data;

/// <summary>
/// The rows of a small tab-separated file of the data folder (dose ranges, concept counts) read strictly: the file must
/// exist, its first line must be exactly the given header (a BOM allowed), blank lines are skipped and every other line
/// must have the header's number of columns. Errors name the file and line; the caller checks the values.
/// </summary>
public static class DataTsv
{
    /// <param name="description">What the file is, for the not-found error ("dose range file").</param>
    /// <returns>Each row's columns and where it is ("path:line") for the caller's own errors.</returns>
    public static IEnumerable<(string[] Columns, string Where)> Rows(string path, string description, params string[] header)
    {
        if (!File.Exists(path)) throw new TextMiningException(ErrorCodes.UnreadableInput, $"{description} not found", path);
        return Read(path, header);
    }

    private static IEnumerable<(string[] Columns, string Where)> Read(string path, string[] header)
    {
        var lineNo = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            var where = $"{path}:{lineNo}";
            if (lineNo == 1)
            {
                if (line.TrimStart('\uFEFF') != string.Join('\t', header))
                    throw new TextMiningException(ErrorCodes.MissingColumn, $"the header must be '{string.Join("<TAB>", header)}'", where);
                continue;
            }
            if (line.Length == 0) continue;
            var cols = line.Split('\t');
            if (cols.Length != header.Length)
                throw new TextMiningException(ErrorCodes.MissingColumn, $"expected {header.Length} tab-separated columns, found {cols.Length}", where);
            yield return (cols, where);
        }
    }
}
