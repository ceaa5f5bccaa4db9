namespace Asclepius.TextMining.Generation.Validation;

/// <summary>Caps and policy of <see cref="SampleValidator"/>.</summary>
public sealed record ValidationOptions
{
    /// <summary>Texts longer than this (UTF-16 code units) are dropped as "too_long".</summary>
    public int MaxTextChars { get; init; } = 2_000;

    /// <summary>Samples claiming more entities than this are dropped as "too_long".</summary>
    public int MaxEntities { get; init; } = 40;

    /// <summary>
    /// When some but not all entities of a sample fail to ground, drop the whole sample
    /// ("partial_entities"). Keeping it would teach the model that a real mention is not an entity
    /// (a wrong negative), which hurts recall more than losing the sample; so the default is true.
    /// </summary>
    public bool DropSampleOnPartialEntities { get; init; } = true;

    /// <summary>
    /// Drop a sample in which a labeled string occurs again, outside every entity ("unlabeled_repeat"):
    /// the unlabeled occurrence would teach the model that the mention is not an entity. On for LLM
    /// answers (untrusted); the offline generator's templates label what they insert, and its output,
    /// which published models were trained on, stays as it was.
    /// </summary>
    public bool DropUnlabeledRepeats { get; init; }

    /// <summary>The options for LLM answers: every check on.</summary>
    public static ValidationOptions Strict { get; } = new() { DropUnlabeledRepeats = true };
}
