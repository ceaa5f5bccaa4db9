using Asclepius.TextMining.Generate;

namespace Asclepius.TextMining.Generation.Llm.Tests.Support;

/// <summary>Runs `asclepius-generate` in-process with Console.Out and Console.Error captured. Console is global: callers are in the non-parallel <see cref="ToolCollection"/>.</summary>
public static class ToolRunner
{
    private static readonly object Gate = new();

    public static ToolResult Run(params string[] args)
    {
        lock (Gate)
        {
            var (oldOut, oldErr) = (Console.Out, Console.Error);
            var (output, error) = (new StringWriter(), new StringWriter());
            Console.SetOut(output);
            Console.SetError(error);
            try
            {
                var exit = GenerateApp.Run(args);
                return new ToolResult(exit, output.ToString(), error.ToString());
            }
            finally
            {
                Console.SetOut(oldOut);
                Console.SetError(oldErr);
            }
        }
    }
}

public sealed record ToolResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ToolCollection
{
    public const string Name = "asclepius-generate (captures Console, sets ASCLEPIUS_DATA)";
}
