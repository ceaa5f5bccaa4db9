namespace Asclepius.TextMining.Ner.Tests.BiLstmCrf;

/// <summary>Torch tests run one at a time: the thread count and seeds are process-wide in libtorch.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchCollection
{
    public const string Name = "Torch";
}
