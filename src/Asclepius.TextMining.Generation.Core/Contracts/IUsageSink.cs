namespace Asclepius.TextMining.Generation.Contracts;

/// <summary>Where a generator reports every call it makes, failed ones included, as soon as it ends (the run's token accounting).</summary>
public interface IUsageSink
{
    void Record(CallUsage usage);
}
