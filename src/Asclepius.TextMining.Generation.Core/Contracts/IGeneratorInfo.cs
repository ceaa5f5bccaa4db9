namespace Asclepius.TextMining.Generation.Contracts;

/// <summary>
/// Optional facts a generator tells the run manifest (run.json) about itself: where it calls (host
/// only, never a key), which prompt files it uses, and free-form details such as the response format
/// in use. Read after every batch, so details may change during a run.
/// </summary>
public interface IGeneratorInfo
{
    /// <summary>host[:port] of the endpoint; null for generators that make no network call.</summary>
    string? EndpointHost { get; }

    IReadOnlyList<PromptInfo> Prompts { get; }

    IReadOnlyDictionary<string, string> Details { get; }
}
