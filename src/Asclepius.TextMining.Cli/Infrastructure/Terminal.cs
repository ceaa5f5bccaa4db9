using Spectre.Console;

namespace Asclepius.TextMining.Cli.Infrastructure;

/// <summary>
/// A Spectre console over the current Console.Out, made per command run (not the static AnsiConsole)
/// so that redirected or captured output receives the tables, as plain text when it is not a terminal.
/// </summary>
public static class Terminal
{
    public static IAnsiConsole Create() => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(Console.Out),
        Ansi = AnsiSupport.Detect,
        ColorSystem = ColorSystemSupport.Detect,
    });
}
