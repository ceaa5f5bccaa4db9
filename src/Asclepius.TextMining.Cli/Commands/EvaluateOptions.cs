using System.CommandLine;
using Asclepius.TextMining.Cli.Infrastructure;

namespace Asclepius.TextMining.Cli.Commands;

/// <summary>
/// The options of `evaluate`, made together so that their help agrees. A mode that predicts first
/// (--model) adds its option beside these and relaxes the "--pred is required" check in
/// <see cref="EvaluateCommand"/> to "--pred or --model".
/// </summary>
public sealed class EvaluateOptions
{
    public Option<string> Gold { get; } = new("--gold") { Description = "Gold corpus file or folder.", HelpName = "path", Required = true };
    public Option<string?> Pred { get; } = new("--pred") { Description = "Predicted corpus file or folder (same document ids and texts as gold).", HelpName = "path" };
    public Option<string?> Format { get; } = CorpusOptions.Format("--format", "Format of both corpora (each is detected from its path when omitted).");
    public Option<string?> PredFormat { get; } = CorpusOptions.Format("--pred-format", "Format of the predicted corpus when it differs from --format.");
    public Option<string?> Json { get; } = CorpusOptions.JsonOutput("Also write the scores as JSON to this file.");

    public void AddTo(Command command)
    {
        command.Add(Gold);
        command.Add(Pred);
        command.Add(Format);
        command.Add(PredFormat);
        command.Add(Json);
    }
}
