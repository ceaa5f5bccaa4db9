using System.Reflection;
using System.Text.Json;
using Asclepius.TextMining.Pipeline;

namespace Asclepius.TextMining.Pipeline.Tests.Privacy;

/// <summary>
/// The privacy promise as a property of the build: nothing on the labeling path can reach generation code
/// or an LLM client. Checked twice: the dependency graph the build resolved (deps.json, which lists every
/// project and package, used or not) and the assemblies actually referenced, transitively.
/// </summary>
public class DependencyGraphTests
{
    private static readonly string[] Forbidden = ["Asclepius.TextMining.Generation", "Azure.AI.OpenAI", "OpenAI", "Microsoft.Extensions.AI"];

    private static bool IsForbidden(string name) =>
        Forbidden.Any(f => name.Equals(f, StringComparison.OrdinalIgnoreCase) || name.StartsWith(f + ".", StringComparison.OrdinalIgnoreCase) || name.StartsWith(f + "/", StringComparison.OrdinalIgnoreCase));

    [Fact]
    public void Resolved_dependency_graph_has_no_generation_or_llm_package()
    {
        var deps = Path.Combine(AppContext.BaseDirectory, "Asclepius.TextMining.Pipeline.Tests.deps.json");
        using var json = JsonDocument.Parse(File.ReadAllText(deps));
        var libraries = json.RootElement.GetProperty("libraries").EnumerateObject().Select(p => p.Name).ToArray();
        libraries.Should().Contain(l => l.StartsWith("Asclepius.TextMining.Pipeline/", StringComparison.Ordinal), "the check must see the pipeline itself");
        libraries.Where(IsForbidden).Should().BeEmpty();
    }

    [Fact]
    public void Pipeline_assembly_references_no_generation_or_llm_assembly_transitively()
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var queue = new Queue<Assembly>([typeof(ExtractionPipeline).Assembly]);
        while (queue.Count > 0)
        {
            var assembly = queue.Dequeue();
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (!seen.Add(reference.Name!)) continue;
                IsForbidden(reference.Name!).Should().BeFalse($"{assembly.GetName().Name} references {reference.Name}");
                if (reference.Name!.StartsWith("System.", StringComparison.Ordinal) || reference.Name == "netstandard") continue;
                try { queue.Enqueue(Assembly.Load(reference)); }
                catch (FileNotFoundException) { /* framework facade not present: nothing below it to check */ }
            }
        }
        seen.Should().Contain("Asclepius.TextMining.Core");
    }
}
