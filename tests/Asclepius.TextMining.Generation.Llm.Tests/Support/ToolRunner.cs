using Asclepius.TextMining.Generate;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Generation.Llm.Tests.Support;

/// <summary>Runs `asclepius-generate` in-process with its console captured; callers are in the non-parallel <see cref="ToolCollection"/>.</summary>
public static class ToolRunner
{
    public static ConsoleRun Run(params string[] args) => ConsoleCapture.Run(() => GenerateApp.Run(args));
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ToolCollection
{
    public const string Name = "asclepius-generate (captures Console, sets ASCLEPIUS_DATA)";
}
