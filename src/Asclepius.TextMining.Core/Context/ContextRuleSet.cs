using System.Text;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Rules;
using Asclepius.TextMining.Core.Text;

namespace Asclepius.TextMining.Core.Context;

/// <summary>
/// The ConText rules of a <see cref="ContextAnnotator"/>, loaded strictly. Layout (version 1):
/// {
///   "format": "asclepius-context-rules", "version": 1, "description": "…",
///   "max_scope": 12,                               // default scope limit in words (1..500)
///   "rules": [
///     { "literal": "denies", "category": "negated", "direction": "forward" },
///     { "literal": "free", "category": "negated", "direction": "backward", "max_scope": 4 },
///     { "literal": "no change", "category": "pseudo" },
///     { "literal": "but", "category": "terminate", "terminates": ["negated", "uncertain"] },
///     { "literal": "mother", "category": "family", "direction": "bidirectional", "allowed_labels": ["Problem"] }
///   ]
/// }
/// category: negated | uncertain | historical | hypothetical | family | pseudo | terminate.
/// direction: forward | backward | bidirectional, required for the first five and not allowed for the others.
/// Optional per rule: max_scope, terminates (terminate rules only), allowed_labels, excluded_labels, comment.
/// The same literal may appear in several categories, never twice in one.
/// </summary>
public sealed class ContextRuleSet
{
    public const string Format = "asclepius-context-rules";
    public const int NewestVersion = 1;
    public const string FileName = "context.json";
    public const int DefaultMaxScope = 12;

    private static readonly string[] CategoryNames = ["negated", "uncertain", "historical", "hypothetical", "family", "pseudo", "terminate"];
    private static readonly string[] DirectionNames = ["forward", "backward", "bidirectional"];
    private static readonly ContextCategory[] FlagCategories =
        [ContextCategory.Negated, ContextCategory.Uncertain, ContextCategory.Historical, ContextCategory.Hypothetical, ContextCategory.Family];

    private static readonly Lazy<ContextRuleSet> LazyDefault = new(() => Parse(StrictJson.ReadEmbedded(FileName), "data/rules/context.json (built in)"));

    private ContextRuleSet(string json, string description, int maxScope, IReadOnlyList<ContextRule> rules)
    {
        Json = json;
        Description = description;
        MaxScope = maxScope;
        Rules = rules;
    }

    /// <summary>The file exactly as read: what a model package stores, so the package reproduces the behaviour.</summary>
    public string Json { get; }
    public string Description { get; }
    public int MaxScope { get; }
    public IReadOnlyList<ContextRule> Rules { get; }

    /// <summary>The rules shipped in data/rules/context.json.</summary>
    public static ContextRuleSet Default => LazyDefault.Value;

    public byte[] ToBytes() => Encoding.UTF8.GetBytes(Json);

    public static ContextRuleSet Load(string path)
        => Parse(StrictJson.ReadFile(path), path);

    public static ContextRuleSet Parse(string json, string location = FileName)
    {
        var file = StrictJson.Deserialize<ContextRulesJson>(json, location);
        StrictJson.CheckHeader(file.Format, file.Version, Format, NewestVersion, location);
        var description = file.Description ?? "";
        var maxScope = StrictJson.InRange(file.MaxScope, "max_scope", location, 1, 500) ?? DefaultMaxScope;

        var rules = new List<ContextRule>();
        var seen = new Dictionary<(string, ContextCategory), int>();
        foreach (var (i, item) in StrictJson.Objects(file.Rules, "rules", location))
        {
            var rule = ParseRule(item, i, $"{location}: rules[{i}]");
            var key = (string.Join(" ", rule.Tokens), rule.Category);
            if (seen.TryGetValue(key, out var first))
                throw StrictJson.Fail($"literal '{rule.Literal}' is already a {Name(rule.Category)} rule (rules[{first}])", $"{location}: rules[{i}]");
            seen[key] = i;
            rules.Add(rule);
        }
        if (rules.Count == 0) throw StrictJson.Fail("'rules' is empty", location);
        return new ContextRuleSet(json, description, maxScope, rules);
    }

    private static ContextRule ParseRule(ContextRuleJson item, int index, string where)
    {
        var literal = StrictJson.Required(item.Literal, "literal", where);
        var tokens = ClinicalTokenizer.Default.TokenizeWords(literal).Select(t => t.Text.ToLowerInvariant()).ToArray();
        if (tokens.Length == 0) throw StrictJson.Fail($"literal '{literal}' has no tokens", where);
        where = $"{where} (literal '{literal}')";

        var categoryName = StrictJson.Required(item.Category, "category", where);
        var category = ParseCategory(categoryName, where);
        var directionName = item.Direction;
        var direction = ContextDirection.None;
        if (category is ContextCategory.Pseudo or ContextCategory.Terminate)
        {
            if (directionName is not null) throw StrictJson.Fail($"a {categoryName} rule takes no 'direction'", where);
        }
        else
        {
            direction = directionName switch
            {
                "forward" => ContextDirection.Forward,
                "backward" => ContextDirection.Backward,
                "bidirectional" => ContextDirection.Bidirectional,
                null => throw StrictJson.Fail($"'direction' is required for a {categoryName} rule; allowed: {string.Join(", ", DirectionNames)}", where),
                _ => throw StrictJson.Fail($"unknown direction '{directionName}'; allowed: {string.Join(", ", DirectionNames)}", where),
            };
        }

        var maxScope = StrictJson.InRange(item.MaxScope, "max_scope", where, 1, 500);
        if (maxScope is not null && direction == ContextDirection.None)
            throw StrictJson.Fail($"a {categoryName} rule takes no 'max_scope'", where);

        var terminatesNames = StrictJson.Strings(item.Terminates, "terminates", where);
        IReadOnlySet<ContextCategory> terminates = new HashSet<ContextCategory>();
        if (category == ContextCategory.Terminate)
        {
            terminates = terminatesNames.Count == 0
                ? FlagCategories.ToHashSet()
                : terminatesNames.Select(n =>
                {
                    var c = ParseCategory(n, where);
                    if (!FlagCategories.Contains(c)) throw StrictJson.Fail($"'terminates' names '{n}', which has no scope; allowed: negated, uncertain, historical, hypothetical, family", where);
                    return c;
                }).ToHashSet();
        }
        else if (terminatesNames.Count > 0)
        {
            throw StrictJson.Fail("only a terminate rule takes 'terminates'", where);
        }

        var allowed = Labels(item.AllowedLabels, "allowed_labels", where);
        var excluded = Labels(item.ExcludedLabels, "excluded_labels", where);
        if ((allowed is not null || excluded is not null) && direction == ContextDirection.None)
            throw StrictJson.Fail($"a {categoryName} rule takes no label restriction", where);
        return new ContextRule(index, literal, tokens, category, direction, maxScope, terminates, allowed, excluded);
    }

    private static IReadOnlySet<string>? Labels(IReadOnlyList<string?>? values, string key, string where)
    {
        var list = StrictJson.Strings(values, key, where);
        return list.Count == 0 ? null : list.ToHashSet(StringComparer.Ordinal);
    }

    private static ContextCategory ParseCategory(string name, string where) => name switch
    {
        "negated" => ContextCategory.Negated,
        "uncertain" => ContextCategory.Uncertain,
        "historical" => ContextCategory.Historical,
        "hypothetical" => ContextCategory.Hypothetical,
        "family" => ContextCategory.Family,
        "pseudo" => ContextCategory.Pseudo,
        "terminate" => ContextCategory.Terminate,
        _ => throw StrictJson.Fail($"unknown category '{name}'; allowed: {string.Join(", ", CategoryNames)}", where),
    };

    public static string Name(ContextCategory category) => CategoryNames[(int)category];
}
