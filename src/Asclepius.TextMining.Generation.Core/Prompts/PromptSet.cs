namespace Asclepius.TextMining.Generation.Prompts;

/// <summary>
/// The templates an LLM run uses: one for entity sentences, one for relation sentences (structure first), one for --verify.
/// The v2 generation prompts ask for note-shaped items (sections, lists, medication lines, vitals, negated and
/// historical findings) and list hard negatives; the v1 files stay in data/prompts so that old runs stay explainable.
/// </summary>
public sealed record PromptSet(PromptTemplate Entities, PromptTemplate Relations, PromptTemplate Verify)
{
    public const string EntitiesFile = "generate-entities.v2.txt";
    public const string RelationsFile = "generate-relations.v2.txt";
    public const string VerifyFile = "verify.v1.txt";

    /// <summary>Loads the current templates from DATA/prompts.</summary>
    public static PromptSet Load(string dataFolder)
    {
        var dir = Path.Combine(dataFolder, "prompts");
        return new PromptSet(
            PromptTemplate.Load(Path.Combine(dir, EntitiesFile)),
            PromptTemplate.Load(Path.Combine(dir, RelationsFile)),
            PromptTemplate.Load(Path.Combine(dir, VerifyFile)));
    }
}
