using System.CommandLine;

namespace Asclepius.TextMining.Generation.CommandLine;

/// <summary>
/// Parses and runs a root command the same way in both executables (`asclepius`, `asclepius-generate`): a
/// parse error is printed as "error: …" lines and a pointer to --help, with exit code <see cref="BadUsage"/>.
/// It lives beside <see cref="GenerateConsole"/> because this is the one project both executables share.
/// </summary>
public static class CommandLineRun
{
    /// <summary>Exit code of a command line that does not parse, the same in both tools.</summary>
    public const int BadUsage = 2;

    public static int Invoke(RootCommand root, string[] args)
    {
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) Console.Error.WriteLine($"error: {error.Message}");
            Console.Error.WriteLine("Run with --help for usage.");
            return BadUsage;
        }
        return parse.Invoke();
    }
}
