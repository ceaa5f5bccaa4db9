namespace Asclepius.TextMining.Cli.Infrastructure;

/// <summary>The command line asks for something that cannot be done as asked (exit code 2).</summary>
public sealed class UsageException(string message) : Exception(message);
