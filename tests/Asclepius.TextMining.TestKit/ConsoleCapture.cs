namespace Asclepius.TextMining.TestKit;

/// <summary>
/// Runs a command-line entry point in-process with Console.Out and Console.Error captured. Console is
/// global: one run at a time here, and callers sit in a non-parallel xunit collection of their own.
/// </summary>
public static class ConsoleCapture
{
    private static readonly object Gate = new();

    public static ConsoleRun Run(Func<int> main)
    {
        lock (Gate)
        {
            var (oldOut, oldErr) = (Console.Out, Console.Error);
            var (output, error) = (new StringWriter(), new StringWriter());
            Console.SetOut(output);
            Console.SetError(error);
            try
            {
                var exit = main();
                return new ConsoleRun(exit, output.ToString(), error.ToString());
            }
            finally
            {
                Console.SetOut(oldOut);
                Console.SetError(oldErr);
            }
        }
    }
}

/// <summary>What a captured run printed and returned.</summary>
public sealed record ConsoleRun(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}
