namespace Asclepius.TextMining.Pipeline.Linking;

/// <summary>
/// A simple vocabulary file: UTF-8, tab-separated, one concept a line:
/// <c>id	name	synonyms	vocabulary	class</c>, synonyms separated by '|', the last three columns optional.
/// A first line starting "id	name" is a header. The class column plays OMOP's domain ("Drug",
/// "Condition"). Every concept counts as standard. '#' lines and blank lines are skipped.
/// </summary>
public static class TsvVocabularyReader
{
    public static void Read(string path, VocabularyImport import, CancellationToken cancellationToken = default)
    {
        var lineNo = 0L;
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            if (lineNo % 65536 == 0) cancellationToken.ThrowIfCancellationRequested();
            if (line.Length == 0 || line[0] == '#') continue;
            var cols = line.Split('\t');
            if (lineNo == 1 && cols.Length >= 2 && cols[0].Trim().Equals("id", StringComparison.OrdinalIgnoreCase) && cols[1].Trim().Equals("name", StringComparison.OrdinalIgnoreCase)) continue;
            if (cols.Length is < 2 or > 5) { import.Problem(path, lineNo, $"expected 2 to 5 tab-separated columns (id, name, synonyms, vocabulary, class), found {cols.Length}"); continue; }
            var id = cols[0].Trim();
            var name = cols[1].Trim();
            if (id.Length == 0 || name.Length == 0) { import.Problem(path, lineNo, "empty id or name"); continue; }
            var vocabulary = cols.Length > 3 ? cols[3].Trim() : "";
            var domain = cols.Length > 4 ? cols[4].Trim() : "";
            if (!import.Wants(domain)) continue;
            if (!import.Builder.AddConcept(new VocabularyConcept(id, name, vocabulary, domain, Standard: true)))
                import.Problem(path, lineNo, $"concept id {id} appears again; the first row is kept");
            if (cols.Length > 2)
                foreach (var synonym in cols[2].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    import.Builder.AddSynonym(id, synonym);
        }
    }
}
