using System.CommandLine;
using System.Globalization;
using Asclepius.TextMining.Cli.Infrastructure;
using Asclepius.TextMining.Cli.Quickstart;
using Asclepius.TextMining.Generation.Offline;
using Spectre.Console;

namespace Asclepius.TextMining.Cli.Commands;

/// <summary>
/// `asclepius quickstart [--out DIR] [--count N] [--seed N]`: generate offline → train NER + RE → one
/// package with sections and assertions → label data/samples → summary table and the paths written.
/// </summary>
public static class QuickstartCommand
{
    public static Command Create()
    {
        var defaults = new QuickstartOptions();
        var output = new Option<string>("--out", "-o") { Description = "Folder for everything the quickstart writes.", DefaultValueFactory = _ => defaults.OutputDirectory };
        var count = new Option<int>("--count", "-n") { Description = "Synthetic documents to generate and train on.", DefaultValueFactory = _ => defaults.Count };
        var seed = new Option<int>("--seed") { Description = "Seed of generation and training (same seed, same model).", DefaultValueFactory = _ => defaults.Seed };
        var notes = new Option<string?>("--notes") { Description = "Folder of .txt notes to label (default: the data folder's samples/)." };
        var noteShare = new Option<double?>("--note-share") { Description = $"Share of generated documents that are note-shaped (default {Format(defaults.Generator.NoteShare)}).", HelpName = "0..1" };
        var noteCompanions = new Option<int>("--note-companions") { Description = "Most template-only companion passages (no entity) in one generated note.", DefaultValueFactory = _ => defaults.Generator.MaxNoteCompanions, HelpName = "N" };
        var conceptWeighting = new Option<double?>("--concept-weighting")
        {
            Description = $"Weigh the generator's concept draw by how often real text names each concept (data/concept-counts.tsv): weight (count + prior)^STRENGTH within each lexicon class; 0 draws uniformly (default {Format(defaults.Generator.ConceptWeighting)}).",
            HelpName = "STRENGTH",
        };
        var outsidePenalty = new Option<float?>("--outside-penalty")
        {
            Description = $"NER outside penalty (taken off \"O\" before decoding: higher finds more entities, less precisely); default {(defaults.NerOutsidePenalty is { } p ? p.ToString(CultureInfo.InvariantCulture) : "picked on the held-out synthetic documents")}.",
            HelpName = "0..20",
        };
        var conceptPrior = new Option<double?>("--concept-prior") { Description = $"Pseudo-count added to every concept's count when the draw is weighted (default {new ConceptWeighting().Prior.ToString(CultureInfo.InvariantCulture)}).", HelpName = "N" };

        var command = new Command("quickstart", "Generate synthetic data offline, train NER and relation models on it, and label the sample notes: the whole loop, locally, in a few minutes.")
        {
            output, count, seed, notes, noteShare, noteCompanions, conceptWeighting, conceptPrior, outsidePenalty,
        };
        command.SetAction((parse, cancellationToken) => Task.FromResult(CommandAction.Run(() =>
        {
            var options = defaults with
            {
                OutputDirectory = parse.GetValue(output)!,
                Count = parse.GetValue(count),
                Seed = parse.GetValue(seed),
                NotesFolder = parse.GetValue(notes),
                Created = SourceDateEpoch(),
                NerOutsidePenalty = parse.GetValue(outsidePenalty) ?? defaults.NerOutsidePenalty,
                Generator = defaults.Generator with
                {
                    NoteShare = parse.GetValue(noteShare) ?? defaults.Generator.NoteShare,
                    MaxNoteCompanions = parse.GetValue(noteCompanions),
                    ConceptWeighting = Weighting(defaults.Generator.ConceptWeighting, parse.GetValue(conceptWeighting), parse.GetValue(conceptPrior)),
                },
            };
            if (options.Count < 20) throw new UsageException("--count must be at least 20");
            if (options.Generator.NoteShare is < 0 or > 1) throw new UsageException("--note-share must be between 0 and 1");
            if (options.NerOutsidePenalty is { } penalty && !(penalty is >= 0 and <= 20)) throw new UsageException("--outside-penalty must be between 0 and 20");
            if (options.Generator.MaxNoteCompanions < 1) throw new UsageException("--note-companions must be at least 1");
            var report = QuickstartRunner.Run(options, message => Console.Error.WriteLine(message), cancellationToken);
            Print(report, Terminal.Create());
            return CliApp.Ok;
        })));
        return command;
    }

    private static void Print(QuickstartReport report, IAnsiConsole console)
    {
        // Redirected output gets Spectre's 80 columns, which wraps note names; the table needs a little more.
        if (!console.Profile.Capabilities.Interactive) console.Profile.Width = Math.Max(console.Profile.Width, 120);
        var labels = report.Notes.SelectMany(n => n.EntitiesByLabel.Keys).Distinct().Order(StringComparer.Ordinal).ToArray();
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn(new TableColumn("note").NoWrap());
        foreach (var l in labels) table.AddColumn(new TableColumn(Markup.Escape(l)).RightAligned());
        foreach (var h in new[] { "relations", "negated", "uncertain", "historical", "family" }) table.AddColumn(new TableColumn(h).RightAligned());
        foreach (var n in report.Notes)
            table.AddRow([Markup.Escape(n.Id), .. labels.Select(l => N(n.EntitiesByLabel.GetValueOrDefault(l))), N(n.Relations), N(n.Negated), N(n.Uncertain), N(n.Historical), N(n.Family)]);
        table.AddRow(["[bold]total[/]", .. labels.Select(l => N(report.Notes.Sum(n => n.EntitiesByLabel.GetValueOrDefault(l)))),
            N(report.Notes.Sum(n => n.Relations)), N(report.Notes.Sum(n => n.Negated)), N(report.Notes.Sum(n => n.Uncertain)),
            N(report.Notes.Sum(n => n.Historical)), N(report.Notes.Sum(n => n.Family))]);
        console.Write(table);

        if (report.NerDev is { } dev)
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"NER on {report.DevDocuments} held-out synthetic documents: strict F1 {dev.Entities.Strict.Micro.F1:0.000} (synthetic, not a score on real notes)"));
        console.WriteLine("Time: " + string.Join(", ", report.Timings.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Key} {t.Value.TotalSeconds:0.0}s"))));
        console.WriteLine("Wrote:");
        console.WriteLine($"  generated data   {report.GeneratedData} ({report.GeneratedDocuments} documents)");
        console.WriteLine($"  generation run   {report.RunManifest}");
        console.WriteLine($"  model package    {report.Package}");
        console.WriteLine($"  labeled notes    {report.Labels}");
        console.WriteLine($"Next: asclepius label --model {report.Package} --in YOUR_NOTES --out labels.jsonl");
    }

    /// <summary>SOURCE_DATE_EPOCH (reproducible-builds.org): seconds since 1970 to stamp the package with instead of now.</summary>
    private static DateTimeOffset? SourceDateEpoch()
    {
        var value = Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH");
        if (string.IsNullOrWhiteSpace(value)) return null;
        return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : throw new UsageException($"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, not '{value}'");
    }

    /// <summary>The concept weighting the options ask for: strength 0 is off; a prior alone changes the default weighting's prior.</summary>
    private static ConceptWeighting? Weighting(ConceptWeighting? defaults, double? strength, double? prior)
    {
        if (strength is < 0 || (strength is { } s && !double.IsFinite(s))) throw new UsageException("--concept-weighting must be a number >= 0");
        if (prior is { } p && !(p > 0 && double.IsFinite(p))) throw new UsageException("--concept-prior must be a number > 0");
        var weighting = strength switch
        {
            null => defaults,
            0 => null,
            { } value => (defaults ?? new ConceptWeighting()) with { Strength = value },
        };
        if (prior is { } given)
            weighting = (weighting ?? throw new UsageException("--concept-prior needs --concept-weighting above 0")) with { Prior = given };
        return weighting;
    }

    private static string Format(ConceptWeighting? weighting) => weighting is null ? "0, off" : weighting.Strength.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Format(double? share) => share is { } s ? s.ToString("0.##", CultureInfo.InvariantCulture) : "as the templates fall";

    private static string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
