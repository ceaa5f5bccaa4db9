using Asclepius.TextMining.Core.Schema;
using Asclepius.TextMining.Generation.Offline;
using Asclepius.TextMining.Generation.Prompts;

namespace Asclepius.TextMining.Generation.Tests.Offline;

/// <summary>A tiny in-memory schema, lexicons and template vocabulary for offline generator tests.</summary>
internal static class OfflineFixtures
{
    public static readonly LabelSchema Schema = new(
        "mini",
        [new EntityType("Chemical", "", "lexicons/chem.tsv"), new EntityType("Disease", "", "lexicons/dis.tsv")],
        [new RelationType("CID", [("Chemical", "Disease")])]);

    public static readonly Lexicon Chemicals = new("chem",
    [
        new LexiconEntry("cyclosporine", ["CsA", "Neoral", "ciclosporin"], "immunosuppressant"),
        new LexiconEntry("aspirin", ["ASA", "acetylsalicylic acid"], "nsaid"),
        new LexiconEntry("haloperidol", ["Haldol"], "antipsychotic"),
        new LexiconEntry("lithium", [], "mood-stabilizer"),
        new LexiconEntry("cisplatin", ["CDDP"], "antineoplastic"),
    ]);

    public static readonly Lexicon Diseases = new("dis",
    [
        new LexiconEntry("hypotension", ["hypotensive", "low blood pressure"], "cardiovascular"),
        new LexiconEntry("myocardial infarction", ["MI", "heart attack", "myocardial infarctions"], "cardiovascular"),
        new LexiconEntry("nephrotoxicity", ["nephrotoxic", "renal toxicity"], "renal"),
        new LexiconEntry("seizures", ["seizure", "convulsions"], "neurological"),
        new LexiconEntry("nausea", ["nauseated"], "gastrointestinal"),
    ]);

    public static TemplateVocabulary Vocabulary(IReadOnlySet<string>? styles = null) => new(
        Schema,
        new Dictionary<string, Lexicon> { ["Chemical"] = Chemicals, ["Disease"] = Diseases },
        new Dictionary<string, Lexicon> { ["chem"] = Chemicals, ["dis"] = Diseases },
        styles ?? new HashSet<string> { "case-report", "progress-note", "animal-study" });

    /// <summary>A template line with the given text, relations JSON and context; other keys defaulted.</summary>
    public static string Line(string text, string relations = "[]", string context = "affirmed", string? relation = null, string id = "t-1", string style = "case-report") =>
        $$"""{"id":"{{id}}","schema":"mini","style":"{{style}}","relation":{{(relation is null ? "null" : $"\"{relation}\"")}},"text":"{{text}}","relations":{{relations}},"context":"{{context}}"}""";

    public const string Cid11 = """[{"label":"CID","head":"Chemical:1","tail":"Disease:1"}]""";

    public static SentenceTemplate Parse(string line) => TemplateParser.ParseLine(line, "mini.jsonl:1", Vocabulary());

    public static OfflineGenerator Generator(OfflineGeneratorOptions? options, params string[] lines) =>
        new(Vocabulary(), TemplateParser.Parse(lines, "mini.jsonl", Vocabulary()), options);
}
