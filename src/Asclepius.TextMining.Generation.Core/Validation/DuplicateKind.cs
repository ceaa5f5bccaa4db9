namespace Asclepius.TextMining.Generation.Validation;

public enum DuplicateKind
{
    None,

    /// <summary>Equal after <see cref="TextNormalizer.Normalize"/>.</summary>
    Exact,

    /// <summary>Character 5-gram Jaccard similarity at or above the threshold.</summary>
    Near,
}
