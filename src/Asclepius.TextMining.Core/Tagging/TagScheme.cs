namespace Asclepius.TextMining.Core.Tagging;

public enum TagScheme
{
    /// <summary>B-X begins, I-X continues, O outside.</summary>
    Bio,
    /// <summary>B-X begins, I-X inside, L-X last, U-X a one-token entity, O outside.</summary>
    Bilou,
}
