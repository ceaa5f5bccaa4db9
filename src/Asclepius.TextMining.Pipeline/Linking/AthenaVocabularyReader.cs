namespace Asclepius.TextMining.Pipeline.Linking;

/// <summary>
/// An Athena (OHDSI) vocabulary download: tab-separated CONCEPT.csv, CONCEPT_SYNONYM.csv and, when present,
/// CONCEPT_RELATIONSHIP.csv (only valid 'Maps to' rows are used), each with its header line. Columns are
/// found by header name, so extra or reordered columns are fine. File names match case-insensitively.
/// </summary>
public static class AthenaVocabularyReader
{
    public const string ConceptFile = "CONCEPT.csv";
    public const string SynonymFile = "CONCEPT_SYNONYM.csv";
    public const string RelationshipFile = "CONCEPT_RELATIONSHIP.csv";

    public static void Read(string folder, VocabularyImport import, CancellationToken cancellationToken = default)
    {
        var concept = Find(folder, ConceptFile)
            ?? throw new Core.Errors.TextMiningException(Core.Errors.ErrorCodes.VocabularyInvalid, $"an Athena export needs {ConceptFile}", folder);
        var kept = new HashSet<string>(StringComparer.Ordinal);
        Rows(concept, ["concept_id", "concept_name", "domain_id", "vocabulary_id", "standard_concept", "invalid_reason"], import, cancellationToken, (c, file, line) =>
        {
            if (c[0].Length == 0 || c[1].Length == 0) { import.Problem(file, line, "empty concept_id or concept_name"); return; }
            if (!import.Wants(c[2])) return;
            // An invalid (deprecated, upgraded) concept is never standard; its 'Maps to' leads to the replacement.
            var standard = c[4] == "S" && c[5].Length == 0;
            if (import.Builder.AddConcept(new VocabularyConcept(c[0], c[1], c[3], c[2], standard))) kept.Add(c[0]);
            else import.Problem(file, line, $"concept_id {c[0]} appears again; the first row is kept");
        });
        if (Find(folder, SynonymFile) is { } synonyms)
            Rows(synonyms, ["concept_id", "concept_synonym_name"], import, cancellationToken, (c, _, _) =>
            {
                if (kept.Contains(c[0])) import.Builder.AddSynonym(c[0], c[1]);
            });
        if (Find(folder, RelationshipFile) is { } relationships)
            Rows(relationships, ["concept_id_1", "concept_id_2", "relationship_id", "invalid_reason"], import, cancellationToken, (c, _, _) =>
            {
                if (c[2] == "Maps to" && c[3].Length == 0 && kept.Contains(c[0])) import.Builder.AddMapsTo(c[0], c[1]);
            });
    }

    private static string? Find(string folder, string name) =>
        Directory.EnumerateFiles(folder).FirstOrDefault(f => string.Equals(Path.GetFileName(f), name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Calls <paramref name="row"/> with the named columns of each line (an absent optional column reads as empty).</summary>
    private static void Rows(string path, string[] columns, VocabularyImport import, CancellationToken cancellationToken, Action<string[], string, long> row)
    {
        using var lines = File.ReadLines(path).GetEnumerator();
        if (!lines.MoveNext())
            throw new Core.Errors.TextMiningException(Core.Errors.ErrorCodes.VocabularyInvalid, "the file is empty; expected a header line", path);
        var header = lines.Current.TrimStart('\uFEFF').Split('\t').Select(h => h.Trim().ToLowerInvariant()).ToList();
        var index = columns.Select(c => header.IndexOf(c)).ToArray();
        var required = columns.Length - (columns[^1] == "invalid_reason" ? 1 : 0);
        for (var i = 0; i < required; i++)
            if (index[i] < 0)
                throw new Core.Errors.TextMiningException(Core.Errors.ErrorCodes.VocabularyInvalid, $"header has no column '{columns[i]}' (is the file tab-separated?)", $"{path}:1");
        var values = new string[columns.Length];
        var lineNo = 1L;
        while (lines.MoveNext())
        {
            lineNo++;
            if (lineNo % 65536 == 0) cancellationToken.ThrowIfCancellationRequested();
            var line = lines.Current;
            if (line.Length == 0) continue;
            var cols = line.Split('\t');
            if (cols.Length < header.Count) { import.Problem(path, lineNo, $"expected {header.Count} tab-separated columns, found {cols.Length}"); continue; }
            for (var i = 0; i < columns.Length; i++) values[i] = index[i] >= 0 ? cols[index[i]].Trim() : "";
            row(values, path, lineNo);
        }
    }
}
