using Asclepius.TextMining.Core.Schema;
using Asclepius.TextMining.Generation.Prompts;

namespace Asclepius.TextMining.Generation.Tests.Fixtures;

/// <summary>
/// A tiny copy of the project's data folder written into a temp folder: a chemical-disease schema,
/// two small entity lexicons, a few non-entity terms (hard negatives, one of them also a disease surface),
/// two styles and three short prompt templates with the real placeholders.
/// Also a made-up "note" whose text must never reach a prompt.
/// </summary>
public static class MiniData
{
    public const string SchemaJson = """
        {
          "name": "chemical-disease",
          "version": 1,
          "entities": [
            { "label": "Chemical", "description": "A chemical or drug.", "lexicon": "lexicons/chemicals.tsv" },
            { "label": "Disease", "description": "A disease, symptom or finding.", "lexicon": "lexicons/diseases.tsv" }
          ],
          "relations": [
            { "label": "CID", "description": "The chemical induces the disease.", "pairs": [["Chemical", "Disease"]] }
          ]
        }
        """;

    public const string Chemicals = "name\tvariants\tclass\naspirin\tASA|acetylsalicylic acid\tanalgesic\nwarfarin\tCoumadin\tanticoagulant\ncisplatin\t\tantineoplastic\nlithium\tlithium carbonate\tmood-stabilizer\nhaloperidol\tHaldol\tantipsychotic\namiodarone\t\tantiarrhythmic\ngentamicin\t\tantibiotic\nmethotrexate\tMTX\tantineoplastic\n";

    public const string Diseases = "name\tvariants\tclass\nhepatitis\t\tliver\nnephrotoxicity\tkidney injury\trenal\nseizures\tseizure\tneuro\nhypotension\tlow blood pressure\tcardio\nneutropenia\t\theme\nrash\tskin rash\tskin\narrhythmia\tarrhythmias\tcardio\npancreatitis\t\tgi\n";

    /// <summary>terms.tsv: note words that are no entity; "rash" is also a disease surface, so it must never be listed as a negative; "p-value" is a class prompts do not list.</summary>
    public const string Terms = "name\tvariants\tclass\nmidline\t\tmodifier\nFoley catheter\tFoley\tinstrument\nleft atrium\tLA\tanatomy\nrash\t\tfinding\np-value\t\tstatistic\n";

    public const string Styles = """
        { "styles": [
          { "id": "case-report", "name": "Case report abstract", "description": "A published case report, past tense." },
          { "id": "nursing-note", "name": "Nursing note", "description": "Terse shift note with abbreviations." }
        ] }
        """;

    public const string EntitiesPrompt = "Write {{count}} sentences for NER.\nSCHEMA:\n{{schema}}\nSTYLE: {{style}}\nNEVER LABEL: {{negatives}}\nSEEDS:\n{{seeds}}\nEXAMPLES:\n{{examples}}\nAnswer with JSON only.\n";
    public const string RelationsPrompt = "Write {{count}} sentences for RE.\nSCHEMA:\n{{schema}}\nSTYLE: {{style}}\nNEVER LABEL: {{negatives}}\nTRIPLES:\n{{triples}}\nOTHER SEEDS:\n{{seeds}}\nEXAMPLES:\n{{examples}}\nAnswer with JSON only.\n";
    public const string VerifyPrompt = "Check labels.\nSCHEMA:\n{{schema}}\nSENTENCES TO CHECK ({{count}}):\n{{examples}}\nAnswer with JSON only.\n";

    /// <summary>A made-up clinical note (no real patient): the tests check that none of it reaches the LLM.</summary>
    public const string Note =
        "Mrs. Quillian Brackenbury, 83, was admitted on 2021-03-04 from Harrowgate Manor with worsening orthopnoea and " +
        "bilateral ankle swelling. MRN 0077123456. Her daughter Philippa reports she stopped furosemide last Tuesday.";

    public static LabelSchema Schema => LabelSchema.Parse(SchemaJson);

    /// <summary>Writes the mini data folder into <paramref name="root"/>/data and returns its path.</summary>
    public static string Write(string root)
    {
        var data = Path.Combine(root, "data");
        foreach (var d in new[] { "schemas", "lexicons", "styles", "prompts" }) Directory.CreateDirectory(Path.Combine(data, d));
        File.WriteAllText(Path.Combine(data, "schemas", "chemical-disease.json"), SchemaJson);
        File.WriteAllText(Path.Combine(data, "lexicons", "chemicals.tsv"), Chemicals);
        File.WriteAllText(Path.Combine(data, "lexicons", "diseases.tsv"), Diseases);
        File.WriteAllText(Path.Combine(data, "lexicons", HardNegatives.LexiconFile), Terms);
        File.WriteAllText(Path.Combine(data, "styles", "styles.json"), Styles);
        File.WriteAllText(Path.Combine(data, "prompts", PromptSet.EntitiesFile), EntitiesPrompt);
        File.WriteAllText(Path.Combine(data, "prompts", PromptSet.RelationsFile), RelationsPrompt);
        File.WriteAllText(Path.Combine(data, "prompts", PromptSet.VerifyFile), VerifyPrompt);
        return data;
    }

    public static PromptBuilder Builder(string dataFolder, PromptBuilderOptions? options = null)
    {
        var schema = LabelSchema.Load(Path.Combine(dataFolder, "schemas", "chemical-disease.json"));
        return new PromptBuilder(schema, PromptSet.Load(dataFolder), SeedBank.Load(schema, dataFolder),
            StyleCatalog.Load(Path.Combine(dataFolder, "styles", "styles.json")), options, HardNegatives.Load(schema, dataFolder));
    }
}
