using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Asclepius.TextMining.Generation.Llm;

/// <summary>
/// Pulls the JSON out of a model's answer: the whole answer when it parses; else the body of the
/// first ```json fence that parses; else the first balanced {...} that parses (strings and escapes
/// respected), so prose before or after the object is tolerated.
/// </summary>
public static partial class JsonExtractor
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    public static JsonNode? FirstJson(string? content) => AllJson(content).FirstOrDefault();

    /// <summary>Every JSON object or array found, in the order <see cref="FirstJson"/> tries them.</summary>
    public static IEnumerable<JsonNode> AllJson(string? content)
    {
        if (string.IsNullOrWhiteSpace(content)) yield break;
        var text = content.Trim().TrimStart('\uFEFF');
        if (TryParse(text) is { } whole && whole is JsonObject or JsonArray) { yield return whole; yield break; }

        foreach (Match m in Fence().Matches(text))
            if (TryParse(m.Groups[1].Value.Trim()) is { } fenced && fenced is JsonObject or JsonArray) yield return fenced;

        for (var start = text.IndexOf('{'); start >= 0; start = text.IndexOf('{', start + 1))
        {
            var end = BalancedEnd(text, start);
            if (end < 0) yield break; // nothing after this opening ever closes: the answer was cut short
            if (TryParse(text[start..(end + 1)]) is JsonObject obj)
            {
                yield return obj;
                start = end; // the next candidate starts after this object, not inside it
            }
        }
    }

    /// <summary>The index of the '}' closing the '{' at <paramref name="start"/>, or -1.</summary>
    private static int BalancedEnd(string s, int start)
    {
        var depth = 0;
        var inString = false;
        for (var i = start; i < s.Length; i++)
        {
            var c = s[i];
            if (inString)
            {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
                continue;
            }
            switch (c)
            {
                case '"': inString = true; break;
                case '{': depth++; break;
                case '}':
                    if (--depth == 0) return i;
                    break;
            }
        }
        return -1;
    }

    private static JsonNode? TryParse(string s)
    {
        try { return JsonNode.Parse(s, documentOptions: Options); }
        catch (JsonException) { return null; }
    }

    [GeneratedRegex(@"```[A-Za-z]*\s*\n?(.*?)```", RegexOptions.Singleline)]
    private static partial Regex Fence();
}
