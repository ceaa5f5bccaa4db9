using Asclepius.TextMining.Relations.PairClassifier;

namespace Asclepius.TextMining.Relations.Tests.PairClassifier;

public sealed class ConceptDictionaryTests
{
    private static ConceptDictionary Learned() => ConceptDictionary.Learn(
    [
        ("Chemical", "Cisplatin", ["D002945"]),
        ("Chemical", "cisplatin", ["D002945"]),
        ("Disease", "seizures", ["D012640"]),
    ]);

    [Fact]
    public void Synonyms_of_a_known_name_reach_its_concept_and_unknown_groups_add_nothing()
    {
        var d = Learned();
        var added = d.AddSynonyms(
        [
            ("Chemical", ["cisplatin", "CDDP", "cis-diamminedichloroplatinum"]),
            ("Chemical", ["aspirin", "ASA"]),
        ]);
        added.Should().Be(2);
        d.ConceptOf("Chemical", "CDDP", []).Should().Be("D002945");
        d.ConceptOf("Chemical", "ASA", []).Should().Be("text:asa");
        // Labels are kept apart: a Disease named like a chemical synonym is not mapped.
        d.ConceptOf("Disease", "CDDP", []).Should().Be("text:cddp");
    }

    [Fact]
    public void Known_names_are_never_remapped_by_synonyms()
    {
        var d = Learned();
        d.AddSynonyms([("Disease", ["seizures", "cisplatin"])]);
        d.ConceptOf("Chemical", "cisplatin", []).Should().Be("D002945");
        d.ConceptOf("Disease", "cisplatin", []).Should().Be("D012640");
    }

    [Fact]
    public void Lexicon_files_map_to_labels_by_their_stem()
    {
        var dir = Directory.CreateTempSubdirectory("atm-syn-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "chemicals.tsv"), "name\tvariants\tclass\ncisplatin\tCDDP|Platinol\tantineoplastic\nlonely\t\tx\n");
            File.WriteAllText(Path.Combine(dir, "dosages.tsv"), "name\tvariants\n5 mg\tfive mg\n");
            var groups = ConceptDictionary.ReadSynonyms(dir, ["Chemical", "Disease"]);
            groups.Should().ContainSingle().Which.Should().Match<(string Label, IReadOnlyList<string> Names)>(g => g.Label == "Chemical" && g.Names.Count == 3);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
