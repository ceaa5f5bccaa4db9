using System.CommandLine;
using Asclepius.TextMining.Cli.Infrastructure;

namespace Asclepius.TextMining.Cli.Commands;

/// <summary>
/// The options of `evaluate`, made together so that their help agrees. <see cref="EvaluateCommand"/> needs
/// --pred or --model, except for a NegEx/ConText kit, whose gold mentions are scored with the rules.
/// </summary>
public sealed class EvaluateOptions
{
    public Option<string> Gold { get; } = new("--gold") { Description = "Gold corpus file or folder.", HelpName = "path", Required = true };
    public Option<string?> Pred { get; } = new("--pred") { Description = "Predicted corpus file or folder (same document ids and texts as gold).", HelpName = "path" };
    public Option<string?> Format { get; } = CorpusOptions.Format("--format", "Format of both corpora (each is detected from its path when omitted).");
    public Option<string?> PredFormat { get; } = CorpusOptions.Format("--pred-format", "Format of the predicted corpus when it differs from --format.");
    public Option<string?> Json { get; } = CorpusOptions.JsonOutput("Also write the scores as JSON to this file.");
    public Option<string?> Model { get; } = new("--model") { Description = "Model package to predict with on the gold texts (instead of --pred).", HelpName = "zip" };
    public Option<int?> Threads { get; } = new("--threads") { Description = "With --model: documents labeled at once (default: all cores)." };
    public Option<string?> Device { get; } = DeviceOption.Create("With --model: ");
    public Option<string?> Report { get; } = new("--report") { Description = "Also write an HTML report (one self-contained file): charts, confusion matrices, training curve, errors in context.", HelpName = "file" };
    public Option<string?> Rules { get; } = new("--rules") { Description = "ConText rules to score on a negex gold corpus without --model (default: the shipped data/rules/context.json).", HelpName = "file" };
    public Option<string?> SectionRules { get; } = new("--sections") { Description = "Section rules used with --rules (default: the shipped data/rules/sections.json).", HelpName = "file" };

    public void AddTo(Command command)
    {
        command.Add(Gold);
        command.Add(Pred);
        command.Add(Format);
        command.Add(PredFormat);
        command.Add(Json);
        command.Add(Model);
        command.Add(Threads);
        command.Add(Device);
        command.Add(Report);
        command.Add(Rules);
        command.Add(SectionRules);
    }
}
