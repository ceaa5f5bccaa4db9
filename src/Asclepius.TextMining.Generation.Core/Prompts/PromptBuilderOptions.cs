namespace Asclepius.TextMining.Generation.Prompts;

public sealed record PromptBuilderOptions
{
    /// <summary>Share of requests that use the relation prompt when the schema has relations.</summary>
    public double RelationShare { get; init; } = 0.5;

    /// <summary>Share of relation-prompt items that are NONE (entities with no relation): negatives for the RE model.</summary>
    public double NoneShare { get; init; } = 0.2;

    /// <summary>Share of seed names taken from an entry's variants (abbreviation, brand, plural) rather than its preferred name.</summary>
    public double VariantShare { get; init; } = 0.25;

    /// <summary>Most seed names per label in one prompt.</summary>
    public int MaxSeedsPerLabel { get; init; } = 8;

    /// <summary>Hard negatives listed in a prompt whose template has {{negatives}}.</summary>
    public int NegativesPerPrompt { get; init; } = 12;
}
