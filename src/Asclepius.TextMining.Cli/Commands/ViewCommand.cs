using System.CommandLine;
using Asclepius.TextMining.Cli.Infrastructure;
using Asclepius.TextMining.Cli.Reports;
using Asclepius.TextMining.Core.Formats;
using Asclepius.TextMining.Core.Sections;

namespace Asclepius.TextMining.Cli.Commands;

/// <summary>
/// `asclepius view --in labeled.jsonl --out view.html [--format F] [--title T] [--sections FILE]`: writes the
/// labeled notes as one self-contained HTML viewer (<see cref="NoteViewerWriter"/>). Bad records are
/// skipped and listed on stderr (exit code 3), never silently lost.
/// </summary>
public static class ViewCommand
{
    public static Command Create()
    {
        var input = new Option<string>("--in") { Description = "Labeled corpus: JSONL from `asclepius label`, or any corpus format.", HelpName = "path", Required = true };
        var output = new Option<string>("--out") { Description = "The HTML file to write.", HelpName = "file", Required = true };
        var format = new Option<string?>("--format") { Description = "Format of --in (detected from the path when omitted).", HelpName = "name" };
        var title = new Option<string?>("--title") { Description = "Page title (default: the input file name).", HelpName = "text" };
        var sections = new Option<string?>("--sections") { Description = "Section rules (sections.json) used to mark headers; default: the shipped rules.", HelpName = "file" };
        var command = new Command("view", "Write labeled notes as a self-contained HTML viewer: highlighted entities, assertion badges, sections, relations; search and label filters; paged.");
        command.Add(input);
        command.Add(output);
        command.Add(format);
        command.Add(title);
        command.Add(sections);
        command.SetAction(parse => CommandAction.Run(() =>
        {
            var inPath = parse.GetValue(input)!;
            var outPath = parse.GetValue(output)!;
            if (Path.GetFullPath(inPath) == Path.GetFullPath(outPath)) throw new UsageException("--out must not be the input file");
            var rules = parse.GetValue(sections) is { } s ? SectionRuleSet.Load(s) : SectionRuleSet.Default;
            var report = new ReadReport();
            var notes = CorpusFormats.ReadAll(inPath, parse.GetValue(format), ReadOptions.Strict with { Lenient = true }, report);
            foreach (var p in report.Problems) Console.Error.WriteLine(p);
            NoteViewerWriter.Write(notes, outPath, parse.GetValue(title) ?? $"Notes: {Path.GetFileName(inPath)}", rules);
            Console.WriteLine($"{notes.Count} notes, {notes.Sum(n => n.Entities.Count)} entities, {notes.Sum(n => n.Relations.Count)} relations → {outPath}");
            if (report.Problems.Count > 0)
            {
                Console.Error.WriteLine($"{report.Problems.Count} record(s) could not be read and are not in the viewer (listed above).");
                return CliApp.SomeInputsFailed;
            }
            return CliApp.Ok;
        }));
        return command;
    }
}
