namespace Asclepius.TextMining.Core.Schema;

/// <summary>A relation label and the (head label, tail label) pairs it may join, in that direction.</summary>
public sealed record RelationType(string Label, IReadOnlyList<(string Head, string Tail)> Pairs, string Description = "")
{
    public bool Allows(string headLabel, string tailLabel)
    {
        foreach (var (h, t) in Pairs) if (h == headLabel && t == tailLabel) return true;
        return false;
    }
}
