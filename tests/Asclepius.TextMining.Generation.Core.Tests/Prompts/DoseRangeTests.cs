using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Schema;
using Asclepius.TextMining.Generation.Prompts;
using Asclepius.TextMining.Generation.Tests.Fixtures;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Generation.Tests.Prompts;

/// <summary>Issue 18, item 6: a (Dosage, Drug) triple's dose lies inside the drug class's range ("atropine 650 mg" no more).</summary>
public sealed class DoseRangeTests
{
    private const string Schema = """
        { "name": "dose-drug", "entities": [
          { "label": "Drug", "lexicon": "lexicons/chemicals.tsv" },
          { "label": "Dosage", "lexicon": "lexicons/dosages.tsv" } ],
          "relations": [ { "label": "DosageOf", "pairs": [["Dosage", "Drug"]] } ] }
        """;

    private const string Chemicals = "name\tvariants\tclass\natropine\tatropine sulfate\tgastrointestinal\nacetaminophen\tparacetamol\tanalgesic\nlithium\t\tmood-stabilizer\n";
    private const string Dosages = "name\tvariants\tclass\n0.5 mg\t0.5mg\tdose\n1 mg\t\tdose\n650 mg\t650mg\tdose\n1000 mg\t\tdose\n1 g\t\tdose\n5 mg/kg\t\tweight-dose\nhigh doses\t\tqualitative\n";
    private const string Ranges = "class\tunit\tmin\tmax\ngastrointestinal\tmg\t0.1\t2\nanalgesic\tmg\t325\t1000\nanalgesic\tg\t0.5\t1\n";

    private static string Write(TempDir dir, string ranges = Ranges, string dosages = Dosages)
    {
        var data = MiniData.Write(dir.Path);
        File.WriteAllText(Path.Combine(data, "schemas", "dose-drug.json"), Schema);
        File.WriteAllText(Path.Combine(data, "lexicons", "chemicals.tsv"), Chemicals);
        File.WriteAllText(Path.Combine(data, "lexicons", "dosages.tsv"), dosages);
        File.WriteAllText(Path.Combine(data, DoseRanges.FileName), ranges);
        return data;
    }

    private static PromptBuilder Builder(string data) =>
        new(LabelSchema.Parse(Schema), PromptSet.Load(data), SeedBank.Load(LabelSchema.Parse(Schema), data), [], new PromptBuilderOptions { NoneShare = 0, VariantShare = 0 });

    private static List<SeededTriple> Triples(PromptBuilder builder) =>
        Enumerable.Range(0, 300).SelectMany(seed => builder.Build(6, true, new Random(seed), []).Triples!).ToList();

    [Fact]
    public void Every_dose_drug_triple_lies_inside_its_drug_class_range_and_a_class_without_one_gets_no_amount()
    {
        using var dir = new TempDir();
        var triples = Triples(Builder(Write(dir)));
        var allowed = new Dictionary<string, string[]>
        {
            ["atropine"] = ["0.5 mg", "1 mg", "high doses"],
            ["acetaminophen"] = ["650 mg", "1000 mg", "1 g", "high doses"],
            ["lithium"] = ["high doses"],
        };
        foreach (var t in triples) allowed[t.Tail].Should().Contain(t.Head, $"{t.Head} is outside the range of {t.Tail}'s class");
        foreach (var (drug, doses) in allowed)
            triples.Where(t => t.Tail == drug).Select(t => t.Head).Distinct().Should().BeEquivalentTo(doses, "every allowed dose is drawn");
    }

    [Fact]
    public void Without_a_range_file_the_pairs_stay_random_as_before()
    {
        using var dir = new TempDir();
        var data = Write(dir);
        File.Delete(Path.Combine(data, DoseRanges.FileName));
        Triples(Builder(data)).Should().Contain(t => t.Tail == "atropine" && t.Head == "650 mg", "the old behaviour pairs any dose with any drug");
    }

    [Fact]
    public void A_drug_whose_class_allows_no_dose_is_redrawn_and_none_fitting_at_all_is_an_error()
    {
        using var dir = new TempDir();
        var noQualitative = Dosages.Replace("high doses\t\tqualitative\n", "");
        var triples = Triples(Builder(Write(dir, dosages: noQualitative)));
        triples.Should().NotContain(t => t.Tail == "lithium").And.Contain(t => t.Tail == "atropine");

        using var dir2 = new TempDir();
        var data = Write(dir2, ranges: "class\tunit\tmin\tmax\nanalgesic\tmg/kg\t50\t60\n", dosages: noQualitative);
        var act = () => Builder(data).Build(4, true, new Random(1), []);
        act.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.SchemaInvalid && e.Message.Contains("dose-ranges.tsv"));
    }

    [Theory]
    [InlineData("class\tunit\tmin\n", ErrorCodes.MissingColumn, ":1")]
    [InlineData("class\tunit\tmin\tmax\nanalgesic\tmg\t1\n", ErrorCodes.MissingColumn, ":2")]
    [InlineData("class\tunit\tmin\tmax\nanalgesic\tmg\t1\t2\nanalgetic\tmg\t1\t2\n", ErrorCodes.MalformedRecord, ":3")]
    [InlineData("class\tunit\tmin\tmax\nanalgesic\tmgs\t1\t2\n", ErrorCodes.MalformedRecord, ":2")]
    [InlineData("class\tunit\tmin\tmax\nanalgesic\tmg\tone\t2\n", ErrorCodes.MalformedRecord, ":2")]
    [InlineData("class\tunit\tmin\tmax\nanalgesic\tmg\t-1\t2\n", ErrorCodes.MalformedRecord, ":2")]
    [InlineData("class\tunit\tmin\tmax\nanalgesic\tmg\t5\t2\n", ErrorCodes.MalformedRecord, ":2")]
    [InlineData("class\tunit\tmin\tmax\nanalgesic\tmg\t1\t2\nanalgesic\tmg\t3\t4\n", ErrorCodes.MalformedRecord, ":3")]
    [InlineData("class\tunit\tmin\tmax\n", ErrorCodes.EmptyInput, ": the dose range file has no rows")]
    public void The_range_file_is_read_strictly_with_coded_errors_naming_file_and_line(string ranges, string code, string where)
    {
        using var dir = new TempDir();
        var data = Write(dir, ranges: ranges);
        var act = () => SeedBank.Load(LabelSchema.Parse(Schema), data);
        act.Should().Throw<TextMiningException>().Where(e => e.Code == code && e.Message.Contains(DoseRanges.FileName + where));
    }

    [Fact]
    public void Shipped_drug_ade_triples_pair_doses_inside_the_shipped_ranges()
    {
        var data = Path.Combine(SharedData.RepoRoot, "data");
        var schema = LabelSchema.Load(Path.Combine(data, "schemas", "drug-ade.json"));
        var ranges = DoseRanges.Load(Path.Combine(data, DoseRanges.FileName),
            Lexicon.Load(Path.Combine(data, "lexicons", "chemicals.tsv")).Entries.Select(e => e.Class).ToHashSet(),
            Lexicon.Load(Path.Combine(data, "lexicons", "dosages.tsv")).Entries.Select(e => DoseRanges.Amount(e.Name)?.Unit).OfType<string>().ToHashSet());
        var classOf = Lexicon.Load(Path.Combine(data, "lexicons", "chemicals.tsv")).Entries.GroupBy(e => e.Name).ToDictionary(g => g.Key, g => g.First().Class);
        var builder = new PromptBuilder(schema, PromptSet.Load(data), SeedBank.Load(schema, data), [], new PromptBuilderOptions { VariantShare = 0 });
        var pairs = Enumerable.Range(0, 300).SelectMany(s => builder.Build(6, true, new Random(s), []).Triples!).Where(t => t.HeadLabel == "Dosage").ToList();
        pairs.Should().HaveCountGreaterThan(100);
        foreach (var t in pairs) ranges.Allows(classOf[t.Tail], t.Head).Should().BeTrue($"{t.Head} for {t.Tail} ({classOf[t.Tail]})");
        pairs.Should().Contain(t => DoseRanges.Amount(t.Head) != null, "numeric doses are still drawn");
    }
}
