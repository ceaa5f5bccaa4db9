using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace Asclepius.TextMining.Worker.Tests.Docs;

/// <summary>README, docs/WORKER.md and docs/OMOP.md agree with each other and with the worker they describe.</summary>
public sealed partial class WorkerDocsTests
{
    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Asclepius.TextMining.sln"))) return dir.FullName;
        throw new InvalidOperationException("repository root not found");
    }

    private static string Read(string relative) => File.ReadAllText(Path.Combine(Root, relative));

    private static readonly string[] Pages = ["README.md", "docs/WORKER.md", "docs/OMOP.md"];

    [Fact]
    public void Every_worker_command_builds_and_runs_the_release_build()
    {
        foreach (var page in Pages)
        {
            var text = Read(page);
            foreach (Match m in RunWorker().Matches(text))
                m.Value.Should().Contain("-c Release", $"{page}: `{m.Value}` (the tests and CI use Release)");
            foreach (Match m in BinPath().Matches(text))
                m.Value.Should().Contain("/bin/Release/", $"{page}: `{m.Value}`");
        }
    }

    [Fact]
    public void Every_postgres_worker_command_names_its_model_package()
    {
        // Outside the repository root the default relative model path finds nothing and the worker waits for it.
        foreach (var page in Pages)
            foreach (var block in CodeBlocks(Read(page)).Where(b => b.Contains("Source__Kind=Postgres")))
                block.Should().Contain("Model__Package=", $"{page}: a PostgreSQL worker command must set the model");
    }

    [Fact]
    public void The_settings_table_lists_every_setting_with_the_documented_defaults()
    {
        var worker = Read("docs/WORKER.md");
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "appsettings.json")));
        foreach (var section in settings.RootElement.EnumerateObject().Where(s => s.Name != "Logging"))
            foreach (var key in section.Value.EnumerateObject())
                worker.Should().Contain($"`{key.Name}`", $"docs/WORKER.md must document {section.Name}:{key.Name}");
        var package = settings.RootElement.GetProperty("Model").GetProperty("Package").GetString()!;
        package.Should().Be(new Options.ModelOptions().Package);
        worker.Should().MatchRegex($@"\| Model \| `Package` \| `{Regex.Escape(package)}` \|[^\n]*relative to the working directory");
        worker.Should().Contain("SQLite always uses `notes`", "NoteTable names the PostgreSQL table, not SQLite's");
    }

    [Fact]
    public void The_event_table_lists_every_event_the_worker_logs()
    {
        var worker = Read("docs/WORKER.md");
        var table = worker[worker.IndexOf("| id | level | event |", StringComparison.Ordinal)..];
        var ids = typeof(Options.WorkerOptions).Assembly.GetType("Asclepius.TextMining.Worker.Logging.Log")!
            .GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Select(m => m.GetCustomAttribute<LoggerMessageAttribute>()?.EventId).OfType<int>().ToArray();
        ids.Should().Contain([1005, 1012, 1013, 1014, 1015]);
        foreach (var id in ids) table.Should().Contain(id.ToString(), $"event {id} must be in the table");
        worker.Should().Contain("Logging__Console__FormatterName=json");
    }

    [Fact]
    public void Section_concept_examples_use_section_names_the_rules_produce()
    {
        using var rules = JsonDocument.Parse(Read("data/rules/sections.json"));
        var names = rules.RootElement.GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("name").GetString()!).ToHashSet();
        var used = Pages.SelectMany(p => SectionName().Matches(Read(p)).Select(m => m.Groups[1].Value)).ToList();
        used.Should().NotBeEmpty();
        used.Should().OnlyContain(n => names.Contains(n), "a section name the rules never produce maps nothing");
    }

    private static IEnumerable<string> CodeBlocks(string markdown) =>
        markdown.Split("```").Where((_, i) => i % 2 == 1);

    [GeneratedRegex(@"dotnet run --project src/Asclepius\.TextMining\.Worker[^\n]*")]
    private static partial Regex RunWorker();

    [GeneratedRegex(@"src/Asclepius\.TextMining\.\w+/bin/\w+/")]
    private static partial Regex BinPath();

    [GeneratedRegex(@"(?:SectionConcepts__|""SectionConcepts"": \{ "")(\w+)")]
    private static partial Regex SectionName();
}
