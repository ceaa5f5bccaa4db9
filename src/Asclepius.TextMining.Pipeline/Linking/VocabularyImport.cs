using Asclepius.TextMining.Core.Errors;

namespace Asclepius.TextMining.Pipeline.Linking;

/// <summary>
/// Reads a site vocabulary into a <see cref="VocabularyBuilder"/> from whichever source is given: a folder
/// holding an Athena export (CONCEPT.csv, CONCEPT_SYNONYM.csv, optional CONCEPT_RELATIONSHIP.csv), a TSV
/// file, or a PostgreSQL connection string ("Host=...;Database=...") to an OMOP schema. A row that cannot be
/// used is skipped and reported (ATM801, file and line, never the row's text); the rest goes on. Concepts
/// of domains no label uses are skipped when reading, so a full Athena export fits in memory.
/// </summary>
public sealed class VocabularyImport
{
    public const int MaxProblemsKept = 20;

    private readonly List<string> _problems = new();

    public VocabularyImport(IReadOnlySet<string>? domains) => Domains = domains;

    public IReadOnlySet<string>? Domains { get; }
    public VocabularyBuilder Builder { get; } = new();
    public int ProblemCount { get; private set; }
    public int SkippedByDomain { get; private set; }

    /// <summary>The first <see cref="MaxProblemsKept"/> problems, each "[ATM801] location:line: reason".</summary>
    public IReadOnlyList<string> Problems => _problems;

    public static VocabularyImport Read(string source, LinkerOptions options, string schema = "public", CancellationToken cancellationToken = default)
    {
        var import = new VocabularyImport(options.AllDomains());
        if (Directory.Exists(source)) AthenaVocabularyReader.Read(source, import, cancellationToken);
        else if (File.Exists(source)) TsvVocabularyReader.Read(source, import, cancellationToken);
        else if (source.Contains('=') && source.Contains(';')) PostgresVocabularyReader.Read(source, schema, import, cancellationToken);
        else throw new TextMiningException(ErrorCodes.VocabularyInvalid, "the vocabulary is neither a folder (Athena export), a TSV file nor a PostgreSQL connection string", Safe(source));
        if (import.Builder.ConceptCount == 0)
            throw new TextMiningException(ErrorCodes.VocabularyInvalid, $"no usable concept was read ({import.ProblemCount} rows skipped, {import.SkippedByDomain} outside the linked domains)", Safe(source));
        return import;
    }

    internal bool Wants(string domain)
    {
        if (Domains is null || Domains.Contains(domain)) return true;
        SkippedByDomain++;
        return false;
    }

    internal void Problem(string location, long line, string reason)
    {
        ProblemCount++;
        if (_problems.Count < MaxProblemsKept) _problems.Add($"[{ErrorCodes.VocabularyInvalid}] {location}:{line}: {reason}");
    }

    // A connection string may carry a password: name only its host and database.
    internal static string Safe(string source) =>
        source.Contains('=') && source.Contains(';')
            ? string.Join(';', source.Split(';').Where(p => p.TrimStart().StartsWith("Host", StringComparison.OrdinalIgnoreCase) || p.TrimStart().StartsWith("Database", StringComparison.OrdinalIgnoreCase)))
            : source;
}
