using System.Reflection;
using System.Text.Json;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Generation.Llm.Tests.Privacy;

/// <summary>
/// Privacy by construction: no executable that reads notes (`asclepius`, which labels, evaluates and
/// views them, and the worker) carries an LLM client in its build output.
/// <para>The check reads each executable's *.deps.json, the list of every assembly the .NET host puts on
/// the load path of that program (its whole package and project closure, with versions), and also lists
/// the dlls in its folder. A framework-dependent `dotnet publish` copies exactly the runtime assets the
/// deps.json names (both come from the same resolved references), so this gives the guarantee a publish
/// would, in milliseconds instead of a minute per tool. The same check on `asclepius-generate`, which
/// must carry the client, shows that it can fail.</para>
/// </summary>
public sealed class BuildOutputPrivacyTests
{
    /// <summary>Assemblies that are, or exist only to serve, an LLM client. System.ClientModel is here because only the OpenAI SDK brings it into this project.</summary>
    private static readonly string[] LlmClientNames =
    [
        "Azure.AI.OpenAI", "OpenAI", "System.ClientModel", "Microsoft.Extensions.AI", "Microsoft.SemanticKernel",
        "OllamaSharp", "LLamaSharp", "Anthropic", "Asclepius.TextMining.Generation.Llm",
    ];

    public static TheoryData<string, string> NoteReadingExecutables => new()
    {
        { "src/Asclepius.TextMining.Cli", "asclepius" },
        { "src/Asclepius.TextMining.Worker", "Asclepius.TextMining.Worker" },
    };

    [Theory]
    [MemberData(nameof(NoteReadingExecutables))]
    public void An_executable_that_reads_notes_carries_no_llm_client(string project, string assembly)
    {
        var deps = DepsFile(project, assembly);
        var found = LlmAssemblies(deps);
        found.Should().BeEmpty($"{assembly} reads notes; its build output ({Path.GetDirectoryName(deps)}) must not carry an LLM client");
        Libraries(deps).Should().Contain(l => l.StartsWith("Asclepius.TextMining.Pipeline/", StringComparison.Ordinal), "the deps file was read (it lists the labeling pipeline)");
    }

    [Fact]
    public void The_check_finds_the_llm_client_in_the_generator_tool()
    {
        var found = LlmAssemblies(DepsFile("src/Asclepius.TextMining.Generate", "asclepius-generate"));
        found.Should().Contain(["Azure.AI.OpenAI", "OpenAI", "System.ClientModel", "Asclepius.TextMining.Generation.Llm"]);
    }

    /// <summary>Names of LLM client assemblies in the deps file's libraries and runtime assets, and among the dlls in its folder.</summary>
    private static SortedSet<string> LlmAssemblies(string depsFile)
    {
        var names = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var library in Libraries(depsFile)) names.Add(library.Split('/')[0]);
        using (var json = JsonDocument.Parse(File.ReadAllText(depsFile)))
        {
            foreach (var target in json.RootElement.GetProperty("targets").EnumerateObject())
                foreach (var library in target.Value.EnumerateObject())
                    if (library.Value.TryGetProperty("runtime", out var runtime))
                        foreach (var asset in runtime.EnumerateObject()) names.Add(Path.GetFileNameWithoutExtension(asset.Name));
        }
        foreach (var dll in Directory.EnumerateFiles(Path.GetDirectoryName(depsFile)!, "*.dll")) names.Add(Path.GetFileNameWithoutExtension(dll));
        return new SortedSet<string>(names.Where(IsLlmClient), StringComparer.OrdinalIgnoreCase);
    }

    private static bool IsLlmClient(string assembly) =>
        LlmClientNames.Any(n => assembly.Equals(n, StringComparison.OrdinalIgnoreCase) || assembly.StartsWith(n + ".", StringComparison.OrdinalIgnoreCase));

    private static List<string> Libraries(string depsFile)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(depsFile));
        return json.RootElement.GetProperty("libraries").EnumerateObject().Select(p => p.Name).ToList();
    }

    /// <summary>The executable's deps file in its build output for this test run's configuration (this project references it, so it is built).</summary>
    private static string DepsFile(string project, string assembly)
    {
        var configuration = typeof(BuildOutputPrivacyTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var bin = Path.Combine(SharedData.RepoRoot, project, "bin", configuration);
        Directory.Exists(bin).Should().BeTrue($"{project} is built for {configuration} before these tests run");
        var files = Directory.EnumerateFiles(bin, assembly + ".deps.json", SearchOption.AllDirectories)
            .OrderByDescending(File.GetLastWriteTimeUtc).ToList();
        files.Should().NotBeEmpty($"{bin} holds {assembly}.deps.json");
        return files[0];
    }
}
