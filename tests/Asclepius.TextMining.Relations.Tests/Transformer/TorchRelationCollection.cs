namespace Asclepius.TextMining.Relations.Tests.Transformer;

/// <summary>libtorch's thread count and seed are process-wide: the torch tests of this project run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class TorchRelationCollection
{
    public const string Name = "TorchRelation";
}
