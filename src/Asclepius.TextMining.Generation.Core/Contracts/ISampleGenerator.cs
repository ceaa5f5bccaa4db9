namespace Asclepius.TextMining.Generation.Contracts;

/// <summary>
/// A source of candidate synthetic samples: the offline generator or an LLM provider. Candidates are
/// untrusted; the generation runner validates every one before it is kept.
/// </summary>
public interface ISampleGenerator
{
    /// <summary>"offline", "azure" or "openai".</summary>
    string Provider { get; }

    /// <summary>The model or template-set identity recorded in run.json ("offline-templates-v1", a deployment name, ...).</summary>
    string Model { get; }

    Task<GenerationBatch> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken);
}
