using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Generation.Contracts;
using Asclepius.TextMining.Generation.Prompts;
using Asclepius.TextMining.Generation.Tests.Fixtures;

namespace Asclepius.TextMining.Generation.Tests.Prompts;

public sealed class PromptTests
{
    [Fact]
    public void Template_id_and_sha256_come_from_the_file()
    {
        using var dir = new TempDir();
        var path = dir.Combine("generate-entities.v1.txt");
        File.WriteAllText(path, "Write {{count}} sentences.");
        var t = PromptTemplate.Load(path);
        t.Id.Should().Be("generate-entities.v1");
        t.Sha256.Should().Be(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))));
        t.Render(new Dictionary<string, string> { ["count"] = "5" }).Should().Be("Write 5 sentences.");
    }

    [Fact]
    public void Unknown_placeholders_are_refused_listing_the_allowed_ones()
    {
        var act = () => new PromptTemplate("p", "Use {{note_text}} here");
        act.Should().Throw<TextMiningException>().Where(e => e.Message.Contains("note_text") && e.Message.Contains("{{seeds}}"));
    }

    [Fact]
    public void Same_seed_same_prompt_and_different_seeds_vary_style_and_seeds()
    {
        using var dir = new TempDir();
        var builder = MiniData.Builder(MiniData.Write(dir.Path));
        var a = builder.Build(4, false, new Random(1), []);
        var b = builder.Build(4, false, new Random(1), []);
        a.Text.Should().Be(b.Text);
        Enumerable.Range(2, 20).Select(s => builder.Build(4, false, new Random(s), []).Text).Distinct().Count().Should().BeGreaterThan(15);
        Enumerable.Range(2, 20).Select(s => builder.Build(4, false, new Random(s), []).Style!.Id).Distinct().Should().HaveCount(2);
        a.Text.Should().Contain("- Chemical: ").And.Contain("- Disease: ").And.Contain("Write 4 sentences");
    }

    [Fact]
    public void Relation_prompts_list_triples_with_schema_allowed_directions()
    {
        using var dir = new TempDir();
        var builder = MiniData.Builder(MiniData.Write(dir.Path), new PromptBuilderOptions { NoneShare = 0.5 });
        var p = builder.Build(10, true, new Random(3), []);
        p.Template.Id.Should().Be("generate-relations.v2");
        p.Triples.Should().HaveCount(10);
        p.Triples!.Should().OnlyContain(t => t.HeadLabel == "Chemical" && t.TailLabel == "Disease");
        p.Triples!.Should().Contain(t => t.Relation == null).And.Contain(t => t.Relation == "CID");
        p.Text.Should().Contain("--CID-->").And.Contain("NONE:");
    }

    [Fact]
    public void Examples_are_rendered_in_the_answer_format()
    {
        var json = PromptBuilder.RenderAnswer([new CandidateSample("Rash after aspirin.", [new("Rash", "Disease"), new("aspirin", "Chemical")], [new("CID", 1, 0)])]);
        json.Should().Be("""{"sentences":[{"text":"Rash after aspirin.","entities":[{"text":"Rash","label":"Disease"},{"text":"aspirin","label":"Chemical"}],"relations":[{"label":"CID","head":1,"tail":0}]}]}""");
    }

    [Fact]
    public void Lexicons_and_styles_are_loaded_strictly()
    {
        using var dir = new TempDir();
        var bad = dir.Combine("bad.tsv");
        File.WriteAllText(bad, "name\tvariants\tclass\naspirin\tASA\n");
        var act = () => Lexicon.Load(bad);
        act.Should().Throw<TextMiningException>().Where(e => e.Message.Contains("bad.tsv:2"));

        var styles = () => StyleCatalog.Parse("""{"styles":[{"id":"a","name":"A","description":"d","tone":"x"}]}""");
        styles.Should().Throw<TextMiningException>().Where(e => e.Message.Contains("'tone'") && e.Message.Contains("description"));
    }
}
