using System.CommandLine;
using Asclepius.TextMining.Cli.Infrastructure;
using Asclepius.TextMining.Core.Formats;

namespace Asclepius.TextMining.Cli.Commands;

/// <summary>`asclepius convert IN OUT [--from F] [--to F] [--lenient]`: reads a corpus in one format and writes it in another.</summary>
public static class ConvertCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("IN") { Description = "Corpus file or folder to read." };
        var output = new Argument<string>("OUT") { Description = "File or folder to write (overwritten)." };
        var from = CorpusOptions.Format("--from", "Input format (detected from IN when omitted).");
        var to = CorpusOptions.Format("--to", "Output format (from OUT's extension when omitted: .jsonl, .pubtator, .conll, .bio, .csv, .rel, ...).");
        var lenient = CorpusOptions.Lenient();

        var command = new Command("convert", "Convert a corpus between formats (jsonl, pubtator, conll, brat, ...), keeping offsets, entities and relations.")
        {
            input, output, from, to, lenient,
        };
        command.SetAction(parse => CommandAction.Run(() =>
        {
            var inPath = parse.GetValue(input)!;
            var outPath = parse.GetValue(output)!;
            CorpusOptions.EnsureNotAnInput(outPath, "OUT", inPath);
            var target = parse.GetValue(to) ?? OutputFormatGuess.From(outPath)
                ?? throw new UsageException($"cannot tell the output format from '{outPath}'; pass --to with one of: {string.Join(", ", CorpusFormats.Names)}");

            // Read everything first: a bad input record then leaves no half-written output.
            var corpus = CorpusInput.Read(inPath, parse.GetValue(from), parse.GetValue(lenient), Console.Error);
            var lost = new ReadReport();
            CorpusFormats.Write(corpus.Documents, outPath, target, lost);
            TellLosses(lost, target);

            var entities = corpus.Documents.Sum(d => d.Entities.Count);
            var relations = corpus.Documents.Sum(d => d.Relations.Count);
            Console.Out.WriteLine($"converted {corpus.Documents.Count} documents ({entities} entities, {relations} relations) from {corpus.Format} to {target}: {outPath}");
            CheckByReadingBack(outPath, target, corpus.Documents.Count, entities, relations);
            return corpus.Problems > 0 ? CliApp.SomeInputsFailed : CliApp.Ok;
        }));
        return command;
    }

    /// <summary>
    /// Reads the output back and warns when it holds fewer documents, entities or relations than were
    /// read: a format that cannot hold relations (CoNLL, plain notes) then says so instead of losing them quietly.
    /// </summary>
    private static void CheckByReadingBack(string outPath, string target, int documents, int entities, int relations)
    {
        List<Core.Documents.AnnotatedDocument> back;
        try
        {
            back = CorpusFormats.Get(target).Read(outPath, new ReadOptions { Lenient = true }, new ReadReport()).ToList();
        }
        catch (Core.Errors.TextMiningException e)
        {
            Console.Error.WriteLine($"warning: the output could not be read back to check it: {e.Message}");
            return;
        }
        var kept = (Documents: back.Count, Entities: back.Sum(d => d.Entities.Count), Relations: back.Sum(d => d.Relations.Count));
        if (kept.Documents < documents) Console.Error.WriteLine($"warning: the {target} output holds {kept.Documents} of {documents} documents");
        if (kept.Entities < entities) Console.Error.WriteLine($"warning: the {target} output holds {kept.Entities} of {entities} entities");
        if (kept.Relations < relations) Console.Error.WriteLine($"warning: the {target} output holds {kept.Relations} of {relations} relations ({target} keeps {(kept.Relations == 0 ? "none" : "only some")})");
    }

    /// <summary>What the target format could not hold is counted and told, never silently dropped.</summary>
    private static void TellLosses(ReadReport lost, string target)
    {
        foreach (var (what, n) in lost.Notes.OrderBy(kv => kv.Key, StringComparer.Ordinal)) Console.Error.WriteLine($"note: {what}: {n}");
        foreach (var problem in lost.Problems.Take(10)) Console.Error.WriteLine($"warning: {problem}");
        if (lost.Problems.Count > 10) Console.Error.WriteLine($"warning: ... and {lost.Problems.Count - 10} more");
        if (lost.Problems.Count > 0) Console.Error.WriteLine($"warning: {lost.Problems.Count} annotation(s) could not be written as {target}");
    }
}
