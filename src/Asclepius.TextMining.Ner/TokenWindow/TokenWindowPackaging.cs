using System.Reflection;
using System.Text.Json.Nodes;
using Asclepius.TextMining.Ner.Packaging;

namespace Asclepius.TextMining.Ner.TokenWindow;

/// <summary>Turns a token-window training result into a package request (the caller adds paths, schema, test scores).</summary>
public static class TokenWindowPackaging
{
    /// <summary>A request for <paramref name="model"/> (the result's Best or Last) with its dev scores and training summary.</summary>
    public static NerPackageRequest Request(TokenWindowTrainingResult result, TokenWindowModel model, string name)
    {
        var isBest = ReferenceEquals(model, result.Best);
        var scores = isBest ? result.BestDevScores : result.LastDevScores;
        return new NerPackageRequest
        {
            Name = name,
            Kind = TokenWindowModel.Kind,
            Files = model.ToComponentFiles(),
            Options = model.Options.ToJsonNode(),
            Train = result.Train,
            Dev = result.Dev,
            DevScores = scores,
            Producers = new Dictionary<string, string> { ["Microsoft.ML"] = MlNetVersion },
            TrainingSummary = new JsonObject
            {
                ["model"] = isBest ? "best" : "last",
                ["iteration"] = isBest ? result.BestIteration : result.Iterations,
                ["iterations"] = result.Iterations,
                ["seconds"] = Math.Round(result.Elapsed.TotalSeconds, 1),
                ["non_zero_weights"] = model.NonZeroWeights,
                ["lexicons"] = new JsonArray((model.Lexicons?.Names ?? []).Select(n => (JsonNode)n).ToArray()),
            },
        };
    }

    public static string MlNetVersion { get; } =
        typeof(Microsoft.ML.MLContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(Microsoft.ML.MLContext).Assembly.GetName().Version?.ToString() ?? "unknown";
}
