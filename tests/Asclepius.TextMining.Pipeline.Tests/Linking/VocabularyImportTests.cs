using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Pipeline.Linking;
using Asclepius.TextMining.Pipeline.Tests.Storage;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Pipeline.Tests.Linking;

public sealed class VocabularyImportTests
{
    [Fact]
    public void Athena_export_keeps_linked_domains_and_reports_bad_rows_by_file_and_line()
    {
        using var dir = new TempFolder();
        var folder = OmopVocabularyFixture.WriteAthena(dir.File("athena"), extraConceptLine: "123\tbroken row");
        var options = LinkerOptions.Parse("""{"labels":{"Chemical":{"domains":["Drug"]},"Disease":{"domains":["Condition"]}}}""", "l.json");
        var import = VocabularyImport.Read(folder, options);

        var all = OmopVocabularyFixture.Concepts();
        import.Builder.ConceptCount.Should().Be(all.Count(c => c.Domain is "Drug" or "Condition"));
        import.SkippedByDomain.Should().Be(2, "the Observation and the Measurement");
        import.ProblemCount.Should().Be(1);
        import.Problems.Single().Should().StartWith($"[{ErrorCodes.VocabularyInvalid}] {Path.Combine(folder, "CONCEPT.csv")}:{all.Count + 2}:").And.NotContain("broken row");
        var vocabulary = import.Builder.Build(options.AllDomains());
        vocabulary.ContainsConcept("4144746").Should().BeFalse();
        vocabulary.ContainsConcept("3004410").Should().BeFalse();
        vocabulary.Concepts.Should().Contain(c => c.Id == "4329847" && c.Standard);
    }

    [Fact]
    public void Tsv_vocabulary_reads_ids_names_synonyms_vocabulary_and_class()
    {
        using var dir = new TempFolder();
        var path = dir.File("vocab.tsv");
        File.WriteAllText(path, "id\tname\tsynonyms\tvocabulary\tclass\nD009459\tNeuroleptic Malignant Syndrome\tNMS|neuroleptic malignant syndromes\tMeSH\tCondition\nD006220\tHaloperidol\t\tMeSH\tDrug\nonly-one-column\n");
        var import = VocabularyImport.Read(path, LinkerOptions.Default);
        import.ProblemCount.Should().Be(1);
        import.Problems[0].Should().Contain("vocab.tsv:4");
        var linker = new ConceptLinker(import.Builder.Build(), LinkerOptions.Default);
        linker.Link("NMS", "Disease")!.Id.Should().Be("D009459");
        linker.Link("haloperidol", "Chemical")!.Should().Be(new Core.Documents.ConceptLink("D006220", "MeSH", "Haloperidol", 1.0));
    }

    [Fact]
    public void A_source_that_is_nothing_or_holds_no_concept_is_refused()
    {
        using var dir = new TempFolder();
        ((Action)(() => VocabularyImport.Read(dir.File("missing"), LinkerOptions.Default))).Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.VocabularyInvalid);
        File.WriteAllText(dir.File("empty.tsv"), "id\tname\n");
        ((Action)(() => VocabularyImport.Read(dir.File("empty.tsv"), LinkerOptions.Default))).Should().Throw<TextMiningException>().Where(e => e.Message.Contains("no usable concept"));
        Directory.CreateDirectory(dir.File("noconcept"));
        ((Action)(() => VocabularyImport.Read(dir.File("noconcept"), LinkerOptions.Default))).Should().Throw<TextMiningException>().Where(e => e.Message.Contains("CONCEPT.csv"));
    }
}

[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresVocabularyImportTests(PostgresServer server)
{
    [Fact]
    public void Omop_schema_in_postgres_builds_the_same_vocabulary_as_the_athena_files()
    {
        var cs = server.CreateDatabase("vocab");
        OmopVocabularyFixture.WritePostgres(cs, "cdm");
        using var dir = new TempFolder();
        var fromFiles = VocabularyImport.Read(OmopVocabularyFixture.WriteAthena(dir.File("athena")), LinkerOptions.Default).Builder.Build(LinkerOptions.Default.AllDomains());

        var fromDb = VocabularyImport.Read(cs, LinkerOptions.Default, schema: "cdm").Builder.Build(LinkerOptions.Default.AllDomains());

        fromDb.ToBytes().Should().Equal(fromFiles.ToBytes());
        new ConceptLinker(fromDb, LinkerOptions.Default).Link("arrest of heart, old code", "Disease")!.Id.Should().Be("321042");
    }

    [Fact]
    public void A_bad_schema_name_or_missing_tables_are_clear_errors_without_the_password()
    {
        var cs = server.CreateDatabase("vocab") + ";Password=secret";
        ((Action)(() => VocabularyImport.Read(cs, LinkerOptions.Default, schema: "x; drop table y"))).Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.VocabularyInvalid);
        ((Action)(() => VocabularyImport.Read(cs, LinkerOptions.Default, schema: "cdm"))).Should().Throw<TextMiningException>()
            .Where(e => e.Code == ErrorCodes.VocabularyInvalid && !e.Message.Contains("secret"));
    }
}
