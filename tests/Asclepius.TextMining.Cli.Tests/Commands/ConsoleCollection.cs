namespace Asclepius.TextMining.Cli.Tests.Commands;

/// <summary>Tests that run the CLI in-process share the console: they run one at a time.</summary>
[CollectionDefinition("console", DisableParallelization = true)]
public sealed class ConsoleCollection;
