using System.CommandLine;
using System.Globalization;
using Asclepius.TextMining.Cli.Infrastructure;
using Asclepius.TextMining.Core.Statistics;
using Spectre.Console;

namespace Asclepius.TextMining.Cli.Commands;

/// <summary>`asclepius stats PATH [--format F] [--lenient] [--json FILE]`: what a corpus holds and what the tokenizer cannot tag.</summary>
public static class StatsCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("PATH") { Description = "Corpus file or folder." };
        var format = CorpusOptions.Format("--format", "Corpus format (detected from the path when omitted).");
        var lenient = CorpusOptions.Lenient();
        var json = CorpusOptions.JsonOutput("Also write the counts as JSON to this file.");

        var command = new Command("stats", "Count documents, sentences, tokens, entities and relations per label, and entities that do not align to tokens.")
        {
            path, format, lenient, json,
        };
        command.SetAction(parse => CommandAction.Run(() =>
        {
            var input = parse.GetValue(path)!;
            var jsonPath = parse.GetValue(json);
            CorpusOptions.EnsureNotAnInput(jsonPath, "--json", input);

            // One streaming pass: stats of a large folder of notes need not fit in memory.
            var (resolved, documents, report) = CorpusInput.Stream(input, parse.GetValue(format), parse.GetValue(lenient));
            var stats = CorpusStatistics.Compute(documents);
            stats = stats with { ReadProblems = report.Problems.Count };
            CorpusInput.TellProblems(input, report, Console.Error);
            Print(stats, $"{input} ({resolved.Name})", Terminal.Create());
            if (jsonPath is not null) JsonOutput.Write(CorpusStatisticsJson.ToJson(stats), jsonPath);
            return stats.ReadProblems > 0 ? CliApp.SomeInputsFailed : CliApp.Ok;
        }));
        return command;
    }

    private static void Print(CorpusStatistics s, string source, IAnsiConsole console)
    {
        // The source on a line of its own: a table title would be cut to the table's width.
        console.WriteLine(source);
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn("count");
        table.AddColumn(new TableColumn("n").RightAligned());
        Row(table, "documents", s.Documents);
        Row(table, "sentences", s.Sentences);
        Row(table, "tokens", s.Tokens);
        Row(table, "entities", s.EntityCount);
        foreach (var (label, n) in s.Entities) Row(table, $"  {label}", n);
        Row(table, "relations", s.RelationCount);
        foreach (var (label, n) in s.Relations) Row(table, $"  {label}", n);
        Row(table, "misaligned entities", s.Misaligned);
        Row(table, "overlapping entities", s.Overlapping);
        Row(table, "entities on no token", s.Empty);
        if (s.ReadProblems > 0) Row(table, "skipped records", s.ReadProblems);
        console.Write(table);

        if (s.AlignmentExamples.Count > 0)
        {
            console.WriteLine($"First {s.AlignmentExamples.Count} entities the tokenizer cannot tag (document, entity, span, label, kind):");
            foreach (var e in s.AlignmentExamples)
                console.WriteLine($"  {e.DocumentId}  {e.EntityId}  {e.Span}  {e.Label}  {e.Kind.ToString().ToLowerInvariant()}");
        }
    }

    private static void Row(Table table, string name, int n) =>
        table.AddRow(Markup.Escape(name), n.ToString("N0", CultureInfo.InvariantCulture));
}
