using System.CommandLine;
using Asclepius.TextMining.Generation.CommandLine;

namespace Asclepius.TextMining.Cli;

/// <summary>
/// The `asclepius` command. Exit codes: 0 ok, 1 failed, 2 bad usage, 3 finished but some inputs failed
/// (see the errors report the command names).
/// </summary>
public static class CliApp
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadUsage = CommandLineRun.BadUsage;
    public const int SomeInputsFailed = 3;

    public static RootCommand Build()
    {
        var root = new RootCommand("Asclepius.TextMining: clinical text mining with local models trained on synthetic data.");
        foreach (var command in AllCommands()) root.Subcommands.Add(command);
        return root;
    }

    /// <summary>Every subcommand; each lives in Commands/ in a file of its own.</summary>
    private static IEnumerable<Command> AllCommands()
    {
        yield return Commands.GenerateCommand.Create();
        yield return Commands.StatsCommand.Create();
        yield return Commands.ConvertCommand.Create();
        yield return Commands.EvaluateCommand.Create();
        yield return Commands.TrainCommand.Create();
        yield return Commands.ViewCommand.Create();
        yield return Commands.PackageCommand.Create();
        yield return Commands.LabelCommand.Create();
        yield return Commands.DictionaryCommand.Create();
        yield return Commands.LinkCommand.Create();
        yield return Commands.QuickstartCommand.Create();
        yield return Commands.OmopCommand.Create();
        yield return Commands.DoctorCommand.Create();
    }

    public static int Run(string[] args) => CommandLineRun.Invoke(Build(), args);
}
