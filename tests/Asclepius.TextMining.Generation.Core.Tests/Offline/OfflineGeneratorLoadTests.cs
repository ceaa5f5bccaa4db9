using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Generation.Contracts;
using Asclepius.TextMining.Generation.Data;
using Asclepius.TextMining.Generation.Offline;

namespace Asclepius.TextMining.Generation.Tests.Offline;

public sealed class OfflineGeneratorLoadTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "asclepius-offline-data-" + Guid.NewGuid().ToString("N"));

    public OfflineGeneratorLoadTests()
    {
        Directory.CreateDirectory(Path.Combine(_data, "schemas"));
        Directory.CreateDirectory(Path.Combine(_data, "lexicons"));
        Directory.CreateDirectory(Path.Combine(_data, "templates"));
        File.WriteAllText(Path.Combine(_data, "schemas", "mini.json"), """
            {"name":"mini","version":1,"entities":[{"label":"Chemical","description":"","lexicon":"lexicons/chem.tsv"},{"label":"Disease","description":"","lexicon":"lexicons/dis.tsv"}],
             "relations":[{"label":"CID","description":"","pairs":[["Chemical","Disease"]]}]}
            """);
        File.WriteAllText(Path.Combine(_data, "lexicons", "chem.tsv"), "name\tvariants\tclass\naspirin\tASA\tnsaid\nlithium\t\tmood\n");
        File.WriteAllText(Path.Combine(_data, "lexicons", "dis.tsv"), "name\tvariants\tclass\nhypotension\t\tcv\nseizures\tseizure\tneuro\n");
        // Another tool's phrase list in the same folder: not a lexicon, not loaded.
        File.WriteAllText(Path.Combine(_data, "lexicons", "baseline.tsv"), "# phrase<TAB>label\nhypotension\tDisease\n");
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private void Templates(params string[] lines) =>
        File.WriteAllLines(Path.Combine(_data, "templates", "mini.jsonl"), lines);

    [Fact]
    public void Load_reads_the_schema_files_and_records_their_hashes()
    {
        Templates("""{"id":"m-1","schema":"mini","style":"case-report","relation":"CID","text":"{Chemical:1} caused {Disease:1} despite {~dis:2}.","relations":[{"label":"CID","head":"Chemical:1","tail":"Disease:1"}],"context":"affirmed"}""");
        var g = OfflineGenerator.Load(DataFolder.LoadSchema("mini", _data), _data);

        g.Prompts.Select(p => p.Id).Should().Equal("lexicons/chem.tsv", "lexicons/dis.tsv", "templates/mini.jsonl");
        g.Prompts.Should().OnlyContain(p => p.Sha256.Length == 64);
        g.Model.Should().MatchRegex("^offline-templates-v1@[0-9a-f]{12}$");
        g.Details["templates"].Should().Be("1");
    }

    [Fact]
    public void A_bad_template_names_the_template_file_and_line()
    {
        Templates(
            """{"id":"m-1","schema":"mini","style":"case-report","relation":null,"text":"{Chemical:1} and {Disease:1}.","relations":[],"context":"affirmed"}""",
            """{"id":"m-2","schema":"mini","style":"case-report","relation":null,"text":"{Chemical:1} and {Drug:1}.","relations":[],"context":"affirmed"}""");
        var act = () => OfflineGenerator.Load(DataFolder.LoadSchema("mini", _data), _data);
        act.Should().Throw<TextMiningException>()
            .Where(e => e.Location == Path.Combine(_data, "templates", "mini.jsonl") + ":2" && e.Message.Contains("unknown label 'Drug'"));
    }

    private const string CausedTemplate = """{"id":"m-1","schema":"mini","style":"case-report","relation":null,"text":"{Chemical:1} caused {Disease:1}.","relations":[],"context":"affirmed"}""";

    [Fact]
    public void A_weighted_generator_reads_the_concept_counts_and_draws_by_them()
    {
        Templates(CausedTemplate);
        File.WriteAllText(Path.Combine(_data, ConceptCounts.FileName), "lexicon\tname\tcount\nchem\tlithium\t99\n");
        var schema = DataFolder.LoadSchema("mini", _data);
        // Both chemicals are of one class here, so the weights decide between them: sqrt(100) : sqrt(1).
        File.WriteAllText(Path.Combine(_data, "lexicons", "chem.tsv"), "name\tvariants\tclass\naspirin\tASA\tdrug\nlithium\t\tdrug\n");
        var weighted = OfflineGenerator.Load(schema, _data, new OfflineGeneratorOptions { ConceptWeighting = new ConceptWeighting { Strength = 0.5, Prior = 1 }, MultiTemplateShare = 0, FillerAbbreviationShare = 0, ParentheticalAbbreviationShare = 0 });
        var plain = OfflineGenerator.Load(schema, _data, new OfflineGeneratorOptions { MultiTemplateShare = 0, FillerAbbreviationShare = 0, ParentheticalAbbreviationShare = 0 });

        weighted.Prompts.Select(p => p.Id).Should().Contain(ConceptCounts.FileName);
        plain.Prompts.Select(p => p.Id).Should().NotContain(ConceptCounts.FileName, "the counts are read only when the draw is weighted");
        weighted.Model.Should().NotBe(plain.Model);
        plain.Details["options"].Should().NotContain("ConceptWeighting", "a run without weighting keeps the identity it had before the option existed");

        double LithiumShare(OfflineGenerator g) => g.Generate(new GenerationRequest(schema, 2000, 4, 0)).Samples
            .Count(s => s.Entities.Any(e => e.Text.Equals("lithium", StringComparison.OrdinalIgnoreCase))) / 2000.0;
        LithiumShare(weighted).Should().BeApproximately(10 / 11.0, 0.03);
        LithiumShare(plain).Should().BeApproximately(0.5, 0.04);
        weighted.Generate(new GenerationRequest(schema, 50, 4, 0)).Samples.Select(s => s.Text)
            .Should().Equal(weighted.Generate(new GenerationRequest(schema, 50, 4, 0)).Samples.Select(s => s.Text), "a seed decides the samples");
    }

    [Fact]
    public void A_bad_concept_count_line_names_the_file_and_line()
    {
        Templates(CausedTemplate);
        var path = Path.Combine(_data, ConceptCounts.FileName);
        File.WriteAllText(path, "lexicon\tname\tcount\nchem\tlithium\t3\ndis\theadache\t2\n");
        var act = () => OfflineGenerator.Load(DataFolder.LoadSchema("mini", _data), _data, new OfflineGeneratorOptions { ConceptWeighting = new ConceptWeighting() });
        act.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.MalformedRecord && e.Location == path + ":3" && e.Message.Contains("'headache'"));
    }

    [Fact]
    public void A_weighted_generator_without_counts_is_a_configuration_error()
    {
        var act = () => OfflineFixtures.Generator(new OfflineGeneratorOptions { ConceptWeighting = new ConceptWeighting() }, OfflineFixtures.Line("{Chemical:1} and {Disease:1}."));
        act.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.ProviderConfiguration && e.Message.Contains(ConceptCounts.FileName));
    }

    [Fact]
    public void A_schema_without_templates_is_a_configuration_error()
    {
        var act = () => OfflineGenerator.Load(DataFolder.LoadSchema("mini", _data), _data);
        act.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.ProviderConfiguration && e.Message.Contains("no templates for schema 'mini'"));
    }
}
