using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Cli.Tests.Support;

/// <summary>Runs the CLI in-process with Console.Out and Console.Error captured. Console is global: callers are in the non-parallel <see cref="CliCollection"/>.</summary>
public static class CliRunner
{
    public static CliResult Run(params string[] args)
    {
        var run = ConsoleCapture.Run(() => CliApp.Run(args));
        return new CliResult(run.ExitCode, run.Out, run.Error);
    }
}

public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CliCollection
{
    public const string Name = "CLI (captures Console)";
}
