using System.CommandLine;
using Asclepius.TextMining.Cli.Infrastructure;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Generation.CommandLine;
using Asclepius.TextMining.Generation.Data;
using Asclepius.TextMining.Generation.Offline;

namespace Asclepius.TextMining.Cli.Commands;

/// <summary>
/// `asclepius generate --provider offline --schema SCHEMA --count N --out DIR ...`: the offline generator
/// (lexicons and templates). This tool reads notes, so it carries no LLM client: asked for azure or
/// openai it answers with ATM504 and the command to use instead, `asclepius-generate generate` (same
/// options). Exit codes: 0 target reached; 1 failed or stalled (run.json says which); 2 bad usage.
/// </summary>
public static class GenerateCommand
{
    public const string GeneratorTool = "asclepius-generate";

    public static Command Create()
    {
        var options = new GenerateOptions();
        var command = new Command("generate", $"Generate labeled synthetic sentences offline (lexicons and templates, no network). LLM generation is {GeneratorTool} generate, the tool with the LLM client.")
        {
            // Options of asclepius-generate (--endpoint, --model, ...) are read by the action, so that a command
            // written for the other tool gets the one message that matters instead of "unrecognized" ones.
            TreatUnmatchedTokensAsErrors = false,
        };
        options.AddTo(command);
        command.Validators.Add(result =>
        {
            var errors = new List<string>();
            if (result.GetValue(options.Provider) is GenerateOptions.Azure or GenerateOptions.OpenAI)
            {
                errors.Add(LlmRedirect(result.GetValue(options.Provider)!));
            }
            options.Check(result, errors);
            if (errors.Count > 0) result.AddError(string.Join("; ", errors));
        });
        command.SetAction((parse, cancellationToken) => Task.FromResult(CommandAction.Run(() =>
        {
            if (parse.UnmatchedTokens.Count > 0)
                throw new UsageException($"unrecognized argument(s) for offline generation: {string.Join(" ", parse.UnmatchedTokens.Where(t => t.StartsWith('-')).DefaultIfEmpty(parse.UnmatchedTokens[0]))}");
            var dataFolder = DataFolder.Resolve();
            var schema = DataFolder.LoadSchema(parse.GetValue(options.Schema)!, dataFolder);
            return GenerateConsole.RunAsync(OfflineGenerator.Load(schema, dataFolder), schema, options.RunOptions(parse), cancellationToken).GetAwaiter().GetResult();
        })));
        return command;
    }

    private static string LlmRedirect(string provider) =>
        $"[{ErrorCodes.LlmNotInThisTool}] --provider {provider} is not in asclepius: the tool that labels, evaluates and views notes carries no LLM client. " +
        $"Run the same command with {GeneratorTool} instead: {GeneratorTool} generate --provider {provider} ...";
}
