using System.CommandLine;
using Asclepius.TextMining.Core.Formats;
using Asclepius.TextMining.Pipeline.Files;

namespace Asclepius.TextMining.Cli.Infrastructure;

/// <summary>
/// The options every corpus command shares, made in one place so that their names, help and checks agree.
/// An unknown format name is a parse error (exit code 2) that lists the known formats.
/// </summary>
public static class CorpusOptions
{
    public static Option<string?> Format(string name, string description)
    {
        var option = new Option<string?>(name)
        {
            Description = CorpusFormats.Names.Any() ? $"{description} One of: {string.Join(", ", CorpusFormats.Names)}." : description,
            HelpName = "format",
        };
        option.CompletionSources.Add(_ => CorpusFormats.Names.Select(n => new System.CommandLine.Completions.CompletionItem(n)));
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string?>();
            if (value is not null && !CorpusFormats.Names.Contains(value, StringComparer.OrdinalIgnoreCase))
                result.AddError($"unknown format '{value}' for {name}; known formats: {string.Join(", ", CorpusFormats.Names)}");
        });
        return option;
    }

    public static Option<bool> Lenient() => new("--lenient")
    {
        Description = "Skip bad records, report and count them, and read the rest (exit code 3 when any were skipped).",
    };

    public static Option<string?> JsonOutput(string description) => new("--json")
    {
        Description = description,
        HelpName = "file",
    };

    /// <summary>Refuses an output path that is one of the inputs under any name (a link included): writing there would destroy the input.</summary>
    public static void EnsureNotAnInput(string? output, string optionName, params string?[] inputs)
    {
        if (output is null) return;
        foreach (var input in inputs)
        {
            if (input is not null && (File.Exists(input) || Directory.Exists(input)) && FileIdentity.Same(output, input))
                throw new UsageException($"{optionName} {output} is also an input; choose another output path");
        }
    }
}
