using System.Reflection;
using System.Text.Json;
using Asclepius.TextMining.Worker.Labeling;

namespace Asclepius.TextMining.Worker.Tests.Privacy;

/// <summary>
/// The worker's privacy promise as a property of the build: neither its resolved dependency graph
/// (its own deps.json) nor the assemblies it references transitively contain generation code or an LLM client.
/// </summary>
public class DependencyGraphTests
{
    private static readonly string[] Forbidden = ["Asclepius.TextMining.Generation", "Azure.AI.OpenAI", "OpenAI", "Microsoft.Extensions.AI"];

    private static bool IsForbidden(string name) =>
        Forbidden.Any(f => name.Equals(f, StringComparison.OrdinalIgnoreCase) || name.StartsWith(f + ".", StringComparison.OrdinalIgnoreCase) || name.StartsWith(f + "/", StringComparison.OrdinalIgnoreCase));

    [Theory]
    [InlineData("Asclepius.TextMining.Worker.deps.json", "Asclepius.TextMining.Worker/")]
    [InlineData("Asclepius.TextMining.Worker.Tests.deps.json", "Asclepius.TextMining.Worker/")]
    public void Resolved_dependency_graph_has_no_generation_or_llm_package(string depsFile, string mustContain)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, depsFile)));
        var libraries = json.RootElement.GetProperty("libraries").EnumerateObject().Select(p => p.Name).ToArray();
        libraries.Should().Contain(l => l.StartsWith(mustContain, StringComparison.Ordinal));
        libraries.Should().Contain(l => l.StartsWith("Asclepius.TextMining.Pipeline/", StringComparison.Ordinal));
        libraries.Where(IsForbidden).Should().BeEmpty();
    }

    [Fact]
    public void Worker_assembly_references_no_generation_or_llm_assembly_transitively()
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var queue = new Queue<Assembly>([typeof(LabelingWorker).Assembly]);
        while (queue.Count > 0)
        {
            var assembly = queue.Dequeue();
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (!seen.Add(reference.Name!)) continue;
                IsForbidden(reference.Name!).Should().BeFalse($"{assembly.GetName().Name} references {reference.Name}");
                if (reference.Name!.StartsWith("System.", StringComparison.Ordinal) || reference.Name == "netstandard") continue;
                try { queue.Enqueue(Assembly.Load(reference)); }
                catch (FileNotFoundException) { }
            }
        }
        seen.Should().Contain("Asclepius.TextMining.Pipeline").And.Contain("Npgsql");
    }
}
