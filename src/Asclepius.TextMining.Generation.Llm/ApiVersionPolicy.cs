using System.ClientModel.Primitives;

namespace Asclepius.TextMining.Generation.Llm;

/// <summary>
/// Sets the api-version query value of every Azure request. Azure.AI.OpenAI 2.1.0 only knows
/// "2024-06-01" and "2024-10-21"; deployments often need a newer (preview) one.
/// </summary>
internal sealed class ApiVersionPolicy(string apiVersion) : PipelinePolicy
{
    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        Rewrite(message);
        ProcessNext(message, pipeline, currentIndex);
    }

    public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        Rewrite(message);
        return ProcessNextAsync(message, pipeline, currentIndex);
    }

    private void Rewrite(PipelineMessage message)
    {
        if (message.Request.Uri is not { } uri) return;
        var query = uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.StartsWith("api-version=", StringComparison.OrdinalIgnoreCase))
            .Append("api-version=" + Uri.EscapeDataString(apiVersion));
        message.Request.Uri = new UriBuilder(uri) { Query = string.Join('&', query) }.Uri;
    }
}
