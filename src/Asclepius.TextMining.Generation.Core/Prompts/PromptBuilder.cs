using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Asclepius.TextMining.Core.Schema;
using Asclepius.TextMining.Generation.Contracts;

namespace Asclepius.TextMining.Generation.Prompts;

/// <summary>
/// Renders prompts from a request's seed: a style sampled from data/styles, seed names sampled from
/// the schema's lexicons and, for relation prompts, (head, relation, tail) triples sampled first so
/// that the labels are right by construction, and, for templates with {{negatives}}, hard-negative
/// words from data/lexicons/terms.tsv (<see cref="HardNegatives"/>). Nothing but the schema, seed names,
/// non-entity terms, styles, examples and the template's instructions goes into a prompt: never text of a note.
/// </summary>
public sealed class PromptBuilder
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly LabelSchema _schema;
    private readonly PromptSet _prompts;
    private readonly SeedBank _seeds;
    private readonly IReadOnlyList<WritingStyle> _styles;
    private readonly PromptBuilderOptions _options;
    private readonly HardNegatives _negatives;
    private readonly string _schemaText;

    public PromptBuilder(LabelSchema schema, PromptSet prompts, SeedBank seeds, IReadOnlyList<WritingStyle> styles, PromptBuilderOptions? options = null,
        HardNegatives? negatives = null)
    {
        _negatives = negatives ?? HardNegatives.Empty;
        _schema = schema;
        _prompts = prompts;
        _seeds = seeds;
        _styles = styles;
        _options = options ?? new PromptBuilderOptions();
        _schemaText = DescribeSchema(schema);
    }

    public PromptSet Prompts => _prompts;

    /// <summary>Whether the request's seed picks the relation prompt (only for schemas with relations).</summary>
    public bool UsesRelations(Random rng) => _schema.Relations.Count > 0 && rng.NextDouble() < _options.RelationShare;

    public BuiltPrompt Build(int count, bool relations, Random rng, IReadOnlyList<CandidateSample> examples)
    {
        var style = _styles.Count > 0 ? _styles[rng.Next(_styles.Count)] : null;
        var seedsPerLabel = Math.Clamp(count, 2, _options.MaxSeedsPerLabel);
        var seedLines = new StringBuilder();
        foreach (var e in _schema.Entities)
        {
            var names = _seeds.SampleDistinct(e.Label, seedsPerLabel, rng, _options.VariantShare);
            if (names.Count > 0) seedLines.Append("- ").Append(e.Label).Append(": ").AppendJoin(", ", names).Append('\n');
        }

        IReadOnlyList<SeededTriple>? triples = relations ? SampleTriples(count, rng) : null;
        var values = new Dictionary<string, string>
        {
            ["schema"] = _schemaText,
            ["style"] = style is null ? "any clinical register" : $"{style.Name}: {style.Description}",
            ["seeds"] = seedLines.Length == 0 ? "(none)" : seedLines.ToString().TrimEnd(),
            ["triples"] = triples is null ? "" : DescribeTriples(triples),
            ["examples"] = examples.Count == 0 ? "(none)" : RenderAnswer(examples),
            ["count"] = count.ToString(CultureInfo.InvariantCulture),
        };
        var template = relations ? _prompts.Relations : _prompts.Entities;
        // Drawn last and only when the template lists them, so a template without {{negatives}} sees the same draws as before.
        IReadOnlyList<string>? negatives = template.Uses.Contains("negatives") ? _negatives.Sample(_options.NegativesPerPrompt, rng, _options.VariantShare) : null;
        values["negatives"] = negatives is { Count: > 0 } ? string.Join(", ", negatives) : "(none)";
        return new BuiltPrompt(template, template.Render(values), style, triples, negatives);
    }

    /// <summary>The verify prompt: the candidates, numbered, with their entities and relations by index.</summary>
    public string BuildVerify(IReadOnlyList<CandidateSample> samples)
    {
        var lines = new StringBuilder();
        for (var i = 0; i < samples.Count; i++)
        {
            var s = samples[i];
            var o = new JsonObject
            {
                ["index"] = i,
                ["text"] = s.Text,
                ["entities"] = new JsonArray(s.Entities.Select((e, j) => (JsonNode)new JsonObject { ["index"] = j, ["text"] = e.Text, ["label"] = e.Label }).ToArray()),
                ["relations"] = new JsonArray(s.Relations.Select(r => (JsonNode)new JsonObject { ["label"] = r.Label, ["head"] = r.Head, ["tail"] = r.Tail }).ToArray()),
            };
            lines.Append(o.ToJsonString(Compact)).Append('\n');
        }
        return _prompts.Verify.Render(new Dictionary<string, string>
        {
            ["schema"] = _schemaText,
            ["examples"] = lines.ToString().TrimEnd(),
            ["count"] = samples.Count.ToString(CultureInfo.InvariantCulture),
            ["style"] = "",
            ["seeds"] = "",
            ["triples"] = "",
            ["negatives"] = "",
        });
    }

    private List<SeededTriple> SampleTriples(int count, Random rng)
    {
        var triples = new List<SeededTriple>(count);
        for (var i = 0; i < count; i++)
        {
            var type = _schema.Relations[rng.Next(_schema.Relations.Count)];
            var (headLabel, tailLabel) = type.Pairs[rng.Next(type.Pairs.Count)];
            var none = rng.NextDouble() < _options.NoneShare;
            var (headSeed, tailSeed) = _seeds.SamplePair(headLabel, tailLabel, rng, _options.VariantShare);
            var head = headSeed ?? $"a {headLabel} of your choice";
            var tail = tailSeed ?? $"a {tailLabel} of your choice";
            triples.Add(new SeededTriple(none ? null : type.Label, head, headLabel, tail, tailLabel));
        }
        return triples;
    }

    private static string DescribeTriples(IReadOnlyList<SeededTriple> triples)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < triples.Count; i++)
        {
            var t = triples[i];
            sb.Append(i + 1).Append(". ");
            if (t.Relation is null)
                sb.Append("NONE: \"").Append(t.Head).Append("\" (").Append(t.HeadLabel).Append("), \"").Append(t.Tail).Append("\" (").Append(t.TailLabel).Append(") with no ")
                  .Append("relation between them");
            else
                sb.Append('"').Append(t.Head).Append("\" (").Append(t.HeadLabel).Append(") --").Append(t.Relation).Append("--> \"").Append(t.Tail).Append("\" (").Append(t.TailLabel).Append(')');
            sb.Append('\n');
        }
        return sb.ToString().TrimEnd();
    }

    /// <summary>Samples in the answer format the templates ask for (entities by text and label, relations by entity index).</summary>
    public static string RenderAnswer(IReadOnlyList<CandidateSample> samples)
    {
        var sentences = new JsonArray();
        foreach (var s in samples)
        {
            sentences.Add(new JsonObject
            {
                ["text"] = s.Text,
                ["entities"] = new JsonArray(s.Entities.Select(e => (JsonNode)new JsonObject { ["text"] = e.Text, ["label"] = e.Label }).ToArray()),
                ["relations"] = new JsonArray(s.Relations.Select(r => (JsonNode)new JsonObject { ["label"] = r.Label, ["head"] = r.Head, ["tail"] = r.Tail }).ToArray()),
            });
        }
        return new JsonObject { ["sentences"] = sentences }.ToJsonString(Compact);
    }

    public static string DescribeSchema(LabelSchema schema)
    {
        var sb = new StringBuilder("Entity labels:\n");
        foreach (var e in schema.Entities)
            sb.Append("- ").Append(e.Label).Append(string.IsNullOrWhiteSpace(e.Description) ? "" : ": " + e.Description).Append('\n');
        if (schema.Relations.Count > 0)
        {
            sb.Append("Relation labels (head label -> tail label):\n");
            foreach (var r in schema.Relations)
                sb.Append("- ").Append(r.Label).Append(" (").AppendJoin(", ", r.Pairs.Select(p => $"{p.Head} -> {p.Tail}")).Append(')')
                  .Append(string.IsNullOrWhiteSpace(r.Description) ? "" : ": " + r.Description).Append('\n');
        }
        return sb.ToString().TrimEnd();
    }
}
