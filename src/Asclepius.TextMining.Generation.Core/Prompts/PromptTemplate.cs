using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Generation.Contracts;

namespace Asclepius.TextMining.Generation.Prompts;

/// <summary>
/// A prompt template file of data/prompts ("generate-entities.v1.txt"): its id is the file name
/// without ".txt", its sha256 is over the file's bytes; both go to run.json. Placeholders are
/// {{schema}} {{style}} {{seeds}} {{triples}} {{examples}} {{count}} {{negatives}}; any other is an error at load.
/// A changed prompt is a new file (".v2"), so an id always names one text.
/// </summary>
public sealed partial class PromptTemplate
{
    public static readonly IReadOnlyList<string> Placeholders = ["schema", "style", "seeds", "triples", "examples", "count", "negatives"];

    public PromptTemplate(string id, string text, string? sha256 = null, string location = "prompt")
    {
        Id = id;
        Text = text;
        Sha256 = sha256 ?? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        var used = new List<string>();
        foreach (Match m in PlaceholderPattern().Matches(text))
        {
            var name = m.Groups[1].Value;
            if (!Placeholders.Contains(name))
                throw new TextMiningException(ErrorCodes.RulesInvalid, $"unknown placeholder {{{{{name}}}}}; allowed: {string.Join(", ", Placeholders.Select(p => "{{" + p + "}}"))}", location);
            if (!used.Contains(name)) used.Add(name);
        }
        Uses = used;
    }

    public string Id { get; }
    public string Text { get; }
    public string Sha256 { get; }

    /// <summary>The placeholders the template contains.</summary>
    public IReadOnlyList<string> Uses { get; }

    public PromptInfo Info => new(Id, Sha256);

    public static PromptTemplate Load(string path)
    {
        if (!File.Exists(path)) throw new TextMiningException(ErrorCodes.UnreadableInput, "prompt template not found", path);
        var bytes = File.ReadAllBytes(path);
        var id = Path.GetFileName(path);
        if (id.EndsWith(".txt", StringComparison.OrdinalIgnoreCase)) id = id[..^4];
        return new PromptTemplate(id, new UTF8Encoding(false).GetString(bytes).TrimStart('\uFEFF'), Convert.ToHexStringLower(SHA256.HashData(bytes)), path);
    }

    public string Render(IReadOnlyDictionary<string, string> values) =>
        PlaceholderPattern().Replace(Text, m => values.TryGetValue(m.Groups[1].Value, out var v) ? v : "");

    [GeneratedRegex(@"\{\{\s*([A-Za-z_]+)\s*\}\}")]
    private static partial Regex PlaceholderPattern();
}
