using System.CommandLine;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Generation.CommandLine;

namespace Asclepius.TextMining.Generate;

/// <summary>
/// The `asclepius-generate` command: synthetic data generation with LLM providers. It holds the only
/// LLM client of the project and never reads notes. Exit codes: 0 ok, 1 failed, 2 bad usage.
/// </summary>
public static class GenerateApp
{
    public const int BadUsage = CommandLineRun.BadUsage;

    public static RootCommand Build()
    {
        var root = new RootCommand("asclepius-generate: labeled synthetic sentences from an LLM (Azure OpenAI, OpenAI, vLLM, Ollama, llama.cpp) or offline. The LLM sees seed names and instructions only, never note text.");
        root.Subcommands.Add(Commands.GenerateCommand.Create());
        return root;
    }

    public static int Run(string[] args) => CommandLineRun.Invoke(Build(), args);

    /// <summary>Runs a command body and turns expected failures into a clear message and exit code, never a stack trace.</summary>
    public static int Guard(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception ex) when (ex is TextMiningException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return GenerateConsole.Failed;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("cancelled");
            return GenerateConsole.Failed;
        }
    }
}
