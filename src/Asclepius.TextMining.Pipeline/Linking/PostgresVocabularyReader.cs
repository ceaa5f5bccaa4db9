using System.Text.RegularExpressions;
using Asclepius.TextMining.Core.Errors;
using Npgsql;

namespace Asclepius.TextMining.Pipeline.Linking;

/// <summary>
/// The vocabulary tables of an OMOP CDM schema in PostgreSQL (concept, concept_synonym, concept_relationship),
/// read with the same semantics as an Athena export (<see cref="AthenaVocabularyReader"/>): concepts of the
/// linked domains, their synonyms, and valid 'Maps to' rows. Read-only; streamed, so memory holds only
/// what is kept. Rows are read in numeric id order (the order of an Athena export), so the same tables always build the same vocabulary bytes.
/// </summary>
public static partial class PostgresVocabularyReader
{
    public static void Read(string connectionString, string schema, VocabularyImport import, CancellationToken cancellationToken = default)
    {
        if (!Identifier().IsMatch(schema))
            throw new TextMiningException(ErrorCodes.VocabularyInvalid, $"schema name '{schema}' is not a plain identifier (letters, digits, _)", "--schema");
        var where = $"{VocabularyImport.Safe(connectionString)} schema {schema}";
        try
        {
            using var connection = new NpgsqlConnection(connectionString);
            connection.Open();
            var kept = new HashSet<string>(StringComparer.Ordinal);
            var row = 0L;
            Query(connection, $"SELECT c.concept_id::text, c.concept_name, c.domain_id, c.vocabulary_id, c.standard_concept, c.invalid_reason FROM \"{schema}\".concept c ORDER BY c.concept_id", r =>
            {
                row++;
                if (r.IsDBNull(1) || r.GetString(1).Trim().Length == 0) { import.Problem($"{schema}.concept", row, "empty concept_name"); return; }
                var domain = r.IsDBNull(2) ? "" : r.GetString(2);
                if (!import.Wants(domain)) return;
                var id = r.GetString(0);
                var standard = !r.IsDBNull(4) && r.GetString(4) == "S" && (r.IsDBNull(5) || r.GetString(5).Trim().Length == 0);
                if (import.Builder.AddConcept(new VocabularyConcept(id, r.GetString(1).Trim(), r.IsDBNull(3) ? "" : r.GetString(3), domain, standard))) kept.Add(id);
            }, cancellationToken);
            Query(connection, $"SELECT s.concept_id::text, s.concept_synonym_name FROM \"{schema}\".concept_synonym s ORDER BY s.concept_id, s.concept_synonym_name COLLATE \"C\"", r =>
            {
                var id = r.GetString(0);
                if (kept.Contains(id) && !r.IsDBNull(1)) import.Builder.AddSynonym(id, r.GetString(1));
            }, cancellationToken);
            Query(connection, $"SELECT r.concept_id_1::text, r.concept_id_2::text FROM \"{schema}\".concept_relationship r WHERE r.relationship_id = 'Maps to' AND r.invalid_reason IS NULL ORDER BY r.concept_id_1, r.concept_id_2", r =>
            {
                var id = r.GetString(0);
                if (kept.Contains(id)) import.Builder.AddMapsTo(id, r.GetString(1));
            }, cancellationToken);
        }
        catch (NpgsqlException ex)
        {
            throw new TextMiningException(ErrorCodes.VocabularyInvalid, $"the OMOP vocabulary tables could not be read: {ex.Message}", where, ex);
        }
    }

    private static void Query(NpgsqlConnection connection, string sql, Action<NpgsqlDataReader> row, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(sql, connection);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            row(reader);
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex Identifier();
}
