using System.Text.Json.Nodes;
using Asclepius.TextMining.Cli.Infrastructure;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Evaluation;
using Spectre.Console;

namespace Asclepius.TextMining.Cli.Evaluation;

/// <summary>
/// Scores predicted documents against gold ones, prints the tables and writes the --json file. Commands
/// that make the predictions themselves (a model) call this after predicting; <paramref name="extendJson"/>
/// lets them add sections (e.g. "assertions") to the JSON before it is written.
/// </summary>
public static class EvaluationRun
{
    public static (EvaluationResult Result, JsonObject Json) ScoreAndReport(
        IReadOnlyList<AnnotatedDocument> gold,
        IReadOnlyList<AnnotatedDocument> predicted,
        IAnsiConsole console,
        string? jsonPath = null,
        Action<JsonObject>? extendJson = null,
        DocumentPairingMode pairing = DocumentPairingMode.ById)
    {
        var result = CorpusEvaluator.Evaluate(gold, predicted, pairing);
        EvaluationPrinter.Print(result, console);
        var json = EvaluationJson.ToJson(result);
        extendJson?.Invoke(json);
        if (jsonPath is not null)
        {
            JsonOutput.Write(json, jsonPath);
            console.WriteLine($"scores written to {jsonPath}");
        }
        return (result, json);
    }
}
