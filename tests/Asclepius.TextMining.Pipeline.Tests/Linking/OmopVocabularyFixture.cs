using System.Text;
using Npgsql;

namespace Asclepius.TextMining.Pipeline.Tests.Linking;

/// <summary>
/// A small OMOP vocabulary written by the tests: a few hundred CONCEPT rows (standard SNOMED conditions and
/// RxNorm drugs, non-standard ICD10CM/MeSH/NDC source concepts, a LOINC measurement, generated fillers),
/// CONCEPT_SYNONYM rows, and CONCEPT_RELATIONSHIP 'Maps to' rows with a two-step chain
/// (ICD9CM → deprecated SNOMED → standard SNOMED). Rows are in concept_id order, as the PostgreSQL reader reads them.
/// </summary>
public static class OmopVocabularyFixture
{
    public sealed record Row(long Id, string Name, string Domain, string Vocabulary, string Standard, string Invalid = "");

    public static readonly Row[] Named =
    [
        new(4329847, "Myocardial infarction", "Condition", "SNOMED", "S"),
        new(316866, "Hypertensive disorder", "Condition", "SNOMED", "S"),
        new(201826, "Type 2 diabetes mellitus", "Condition", "SNOMED", "S"),
        new(255848, "Pneumonia", "Condition", "SNOMED", "S"),
        new(4182210, "Neuroleptic malignant syndrome", "Condition", "SNOMED", "S"),
        new(439777, "Anemia", "Condition", "SNOMED", "S"),
        new(321042, "Cardiac arrest", "Condition", "SNOMED", "S"),
        new(9000002, "Cardiac arrest (old concept)", "Condition", "SNOMED", "", "U"),
        new(9000001, "Arrest of heart, old code", "Condition", "ICD9CM", ""),
        new(45533, "Acute myocardial infarction, unspecified", "Condition", "ICD10CM", ""),
        new(4144746, "Finding of smoking", "Observation", "SNOMED", "S"),
        new(1112807, "aspirin", "Drug", "RxNorm", "S"),
        new(1503297, "metformin", "Drug", "RxNorm", "S"),
        new(19075601, "haloperidol", "Drug", "RxNorm", "S"),
        new(1307046, "metoprolol", "Drug", "RxNorm", "S"),
        new(967823, "sodium chloride", "Drug", "RxNorm", "S"),
        new(7000001, "Sodium Chloride", "Drug", "NDC", ""),
        new(45768, "Aspirin", "Drug", "MeSH", ""),
        new(3004410, "Hemoglobin A1c measurement", "Measurement", "LOINC", "S"),
    ];

    public static readonly (long Id, string Name)[] NamedSynonyms =
    [
        (4329847, "Heart attack"), (4329847, "Cardiac infarction"), (316866, "Hypertension"), (316866, "High blood pressure"),
        (201826, "Diabetes mellitus type 2"), (1112807, "acetylsalicylic acid"), (3004410, "HbA1c"), (45768, "Acetylsalicylic Acid"),
    ];

    public static readonly (long From, long To)[] NamedMapsTo = [(9000001, 9000002), (9000002, 321042), (45533, 4329847), (45768, 1112807), (4329847, 4329847)];

    private static readonly string[] Prefixes = ["acute", "chronic", "congenital", "recurrent"];
    private static readonly string[] Organs = ["renal", "hepatic", "cardiac", "pulmonary", "gastric", "cerebral", "ocular", "dermal"];
    private static readonly string[] Kinds = ["failure", "cyst", "abscess", "neoplasm", "ulcer", "infarct", "stenosis", "fibrosis"];
    private static readonly string[] Stems = ["ator", "bel", "cor", "dex", "ful", "gal", "hex", "lor", "mar", "nev"];
    private static readonly string[] Suffixes = ["olol", "pril", "sartan", "statin"];

    /// <summary>Every CONCEPT row: the named ones and generated fillers (256 conditions, 40 drugs, a non-standard twin for every eighth condition).</summary>
    public static IReadOnlyList<Row> Concepts()
    {
        var rows = new List<Row>(Named);
        var n = 0;
        foreach (var p in Prefixes)
            foreach (var o in Organs)
                foreach (var k in Kinds)
                {
                    rows.Add(new Row(1_000_000 + n, $"{p} {o} {k}", "Condition", "SNOMED", "S"));
                    if (n % 8 == 0) rows.Add(new Row(2_000_000 + n, $"{o} {k}, {p} (ICD)", "Condition", "ICD10CM", ""));
                    n++;
                }
        var d = 0;
        foreach (var s in Stems)
            foreach (var x in Suffixes)
                rows.Add(new Row(3_000_000 + d++, s + x, "Drug", "RxNorm", "S"));
        return rows.OrderBy(r => r.Id).ToArray();
    }

    public static IReadOnlyList<(long Id, string Name)> Synonyms()
    {
        var rows = new List<(long, string)>(NamedSynonyms);
        var n = 0;
        foreach (var p in Prefixes)
            foreach (var o in Organs)
                foreach (var k in Kinds)
                {
                    if (n % 2 == 0) rows.Add((1_000_000 + n, $"{o} {k}, {p}"));
                    n++;
                }
        return rows.OrderBy(r => r.Item1).ThenBy(r => r.Item2, StringComparer.Ordinal).ToArray();
    }

    public static IReadOnlyList<(long From, long To)> MapsTo()
    {
        var rows = new List<(long, long)>(NamedMapsTo);
        for (var n = 0; n < 256; n += 8) rows.Add((2_000_000 + n, 1_000_000 + n));
        return rows.OrderBy(r => r.Item1).ThenBy(r => r.Item2).ToArray();
    }

    /// <summary>Writes CONCEPT.csv, CONCEPT_SYNONYM.csv and CONCEPT_RELATIONSHIP.csv as Athena does (tab-separated, header line).</summary>
    public static string WriteAthena(string folder, string? extraConceptLine = null)
    {
        Directory.CreateDirectory(folder);
        var c = new StringBuilder("concept_id\tconcept_name\tdomain_id\tvocabulary_id\tconcept_class_id\tstandard_concept\tconcept_code\tvalid_start_date\tvalid_end_date\tinvalid_reason\n");
        foreach (var r in Concepts())
            c.Append($"{r.Id}\t{r.Name}\t{r.Domain}\t{r.Vocabulary}\tClinical Finding\t{r.Standard}\tC{r.Id}\t19700101\t20991231\t{r.Invalid}\n");
        if (extraConceptLine is not null) c.Append(extraConceptLine).Append('\n');
        File.WriteAllText(Path.Combine(folder, "CONCEPT.csv"), c.ToString());
        var s = new StringBuilder("concept_id\tconcept_synonym_name\tlanguage_concept_id\n");
        foreach (var (id, name) in Synonyms()) s.Append($"{id}\t{name}\t4180186\n");
        File.WriteAllText(Path.Combine(folder, "CONCEPT_SYNONYM.csv"), s.ToString());
        var m = new StringBuilder("concept_id_1\tconcept_id_2\trelationship_id\tvalid_start_date\tvalid_end_date\tinvalid_reason\n");
        foreach (var (from, to) in MapsTo()) m.Append($"{from}\t{to}\tMaps to\t19700101\t20991231\t\n");
        // Rows the reader must ignore: another relationship, and an invalid 'Maps to'.
        m.Append("45533\t255848\tIs a\t19700101\t20991231\t\n45768\t255848\tMaps to\t19700101\t20991231\tD\n");
        File.WriteAllText(Path.Combine(folder, "CONCEPT_RELATIONSHIP.csv"), m.ToString());
        return folder;
    }

    /// <summary>The same rows in OMOP CDM vocabulary tables of a PostgreSQL database.</summary>
    public static void WritePostgres(string connectionString, string schema = "public")
    {
        using var db = new NpgsqlConnection(connectionString);
        db.Open();
        Exec(db, $"""
            CREATE SCHEMA IF NOT EXISTS {schema};
            CREATE TABLE {schema}.concept (concept_id integer PRIMARY KEY, concept_name varchar(255) NOT NULL, domain_id varchar(20) NOT NULL,
              vocabulary_id varchar(20) NOT NULL, concept_class_id varchar(20) NOT NULL, standard_concept varchar(1) NULL,
              concept_code varchar(50) NOT NULL, valid_start_date date NOT NULL, valid_end_date date NOT NULL, invalid_reason varchar(1) NULL);
            CREATE TABLE {schema}.concept_synonym (concept_id integer NOT NULL, concept_synonym_name varchar(1000) NOT NULL, language_concept_id integer NOT NULL);
            CREATE TABLE {schema}.concept_relationship (concept_id_1 integer NOT NULL, concept_id_2 integer NOT NULL, relationship_id varchar(20) NOT NULL,
              valid_start_date date NOT NULL, valid_end_date date NOT NULL, invalid_reason varchar(1) NULL);
            """);
        using (var w = db.BeginTextImport($"COPY {schema}.concept FROM STDIN"))
            foreach (var r in Concepts())
                w.Write($"{r.Id}\t{r.Name}\t{r.Domain}\t{r.Vocabulary}\tClinical Finding\t{(r.Standard.Length == 0 ? "\\N" : r.Standard)}\tC{r.Id}\t1970-01-01\t2099-12-31\t{(r.Invalid.Length == 0 ? "\\N" : r.Invalid)}\n");
        using (var w = db.BeginTextImport($"COPY {schema}.concept_synonym FROM STDIN"))
            foreach (var (id, name) in Synonyms()) w.Write($"{id}\t{name}\t4180186\n");
        using (var w = db.BeginTextImport($"COPY {schema}.concept_relationship FROM STDIN"))
        {
            foreach (var (from, to) in MapsTo()) w.Write($"{from}\t{to}\tMaps to\t1970-01-01\t2099-12-31\t\\N\n");
            w.Write("45533\t255848\tIs a\t1970-01-01\t2099-12-31\t\\N\n45768\t255848\tMaps to\t1970-01-01\t2099-12-31\tD\n");
        }
    }

    private static void Exec(NpgsqlConnection db, string sql)
    {
        using var cmd = new NpgsqlCommand(sql, db);
        cmd.ExecuteNonQuery();
    }
}
