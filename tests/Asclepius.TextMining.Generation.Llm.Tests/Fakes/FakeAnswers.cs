using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Asclepius.TextMining.Generation.Llm.Tests.Fakes;

/// <summary>
/// Answer bodies for the fake server. <see cref="Good"/> writes as many distinct, correctly labelled
/// sentences as the prompt asks for (parsing "Write N" from it), states the triples of relation
/// prompts, and approves everything in verify prompts.
/// </summary>
public static partial class FakeAnswers
{
    private static readonly string[] Chemicals = ["aspirin", "warfarin", "cisplatin", "lithium", "haloperidol", "amiodarone", "gentamicin", "methotrexate"];
    private static readonly string[] Diseases = ["hepatitis", "nephrotoxicity", "seizures", "hypotension", "neutropenia", "rash", "arrhythmia", "pancreatitis"];
    private static readonly string[] Frames =
    [
        "{0} developed in patient {2} after {1} was started.",
        "Case {2}: {1} exposure was followed by {0} within days.",
        "We describe subject {2}, whose {0} was attributed to {1}.",
        "In cohort {2}, {1} therapy preceded the onset of {0}.",
    ];

    private static int _counter;

    /// <summary>A unique nonsense word per call (keeps answers distinct across a whole test run).</summary>
    public static string NextWord()
    {
        var n = Interlocked.Increment(ref _counter);
        const string consonants = "bdfgklmnprstvz";
        const string vowels = "aeiou";
        var chars = new List<char>();
        for (var i = 0; i < 4; i++)
        {
            chars.Add(consonants[n % consonants.Length]); n /= consonants.Length;
            chars.Add(vowels[n % vowels.Length]); n /= vowels.Length;
            if (n == 0 && i >= 1) break;
        }
        return new string(chars.ToArray());
    }

    public static int RequestedCount(string prompt)
    {
        var m = CountPattern().Match(prompt);
        return m.Success ? int.Parse(m.Groups[1].Value) : 3;
    }

    public static FakeReply Good(RecordedRequest request)
    {
        if (request.IsVerify) return FakeReply.Answer(ApproveAll(request.Prompt));
        if (request.IsRelationPrompt) return FakeReply.Answer(StateTriples(request.Prompt));
        return FakeReply.Answer(Sentences(RequestedCount(request.Prompt)));
    }

    /// <summary>N distinct sentences, each with one Chemical and one Disease and no relation.</summary>
    public static string Sentences(int count)
    {
        var arr = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            var word = NextWord();
            var h = word.GetHashCode() & 0x7fffffff;
            var chem = Chemicals[h % Chemicals.Length];
            var dis = Diseases[(h / 7) % Diseases.Length];
            var text = string.Format(Frames[(h / 49) % Frames.Length], Cap(dis), chem, word);
            arr.Add(Sentence(text, [(chem, "Chemical"), (dis, "Disease")]));
        }
        return new JsonObject { ["sentences"] = arr }.ToJsonString();
    }

    public static JsonObject Sentence(string text, (string Text, string Label)[] entities, (string Label, int Head, int Tail)[]? relations = null) => new()
    {
        ["text"] = text,
        ["entities"] = new JsonArray(entities.Select(e => (JsonNode)new JsonObject { ["text"] = e.Text, ["label"] = e.Label }).ToArray()),
        ["relations"] = new JsonArray((relations ?? []).Select(r => (JsonNode)new JsonObject { ["label"] = r.Label, ["head"] = r.Head, ["tail"] = r.Tail }).ToArray()),
    };

    public static string Wrap(params JsonObject[] sentences) => new JsonObject { ["sentences"] = new JsonArray(sentences.Cast<JsonNode>().ToArray()) }.ToJsonString();

    /// <summary>One sentence per triple line of the prompt, stating it (or, for NONE, mentioning both without a relation).</summary>
    public static string StateTriples(string prompt)
    {
        var arr = new JsonArray();
        foreach (Match m in TriplePattern().Matches(prompt))
        {
            var word = NextWord();
            if (m.Groups["none"].Success)
            {
                var (h, t) = (m.Groups["nh"].Value, m.Groups["nt"].Value);
                arr.Add(Sentence($"Patient {word} took {h} and separately had {t} long before.", [(h, m.Groups["nhl"].Value), (t, m.Groups["ntl"].Value)]));
            }
            else
            {
                var (h, t) = (m.Groups["h"].Value, m.Groups["t"].Value);
                arr.Add(Sentence($"In patient {word}, {t} was induced by {h}.", [(t, m.Groups["tl"].Value), (h, m.Groups["hl"].Value)], [(m.Groups["r"].Value, 1, 0)]));
            }
        }
        return new JsonObject { ["sentences"] = arr }.ToJsonString();
    }

    /// <summary>A verify answer that accepts every entity and relation of every sentence in the prompt.</summary>
    public static string ApproveAll(string prompt, Func<int, int, bool>? entityVerdict = null)
    {
        var arr = new JsonArray();
        foreach (var line in prompt.Split('\n'))
        {
            if (!line.StartsWith("{\"index\"", StringComparison.Ordinal)) continue;
            var o = JsonNode.Parse(line)!;
            var index = o["index"]!.GetValue<int>();
            var ents = o["entities"]!.AsArray().Count;
            var rels = o["relations"]!.AsArray().Count;
            arr.Add(new JsonObject
            {
                ["index"] = index,
                ["entities"] = new JsonArray(Enumerable.Range(0, ents).Select(j => (JsonNode)JsonValue.Create(entityVerdict?.Invoke(index, j) ?? true)).ToArray()),
                ["relations"] = new JsonArray(Enumerable.Range(0, rels).Select(_ => (JsonNode)JsonValue.Create(true)).ToArray()),
            });
        }
        return new JsonObject { ["sentences"] = arr }.ToJsonString();
    }

    private static string Cap(string s) => char.ToUpperInvariant(s[0]) + s[1..];

    [GeneratedRegex(@"Write (\d+) ", RegexOptions.IgnoreCase)]
    private static partial Regex CountPattern();

    [GeneratedRegex("""^\d+\. (?:(?<none>NONE): "(?<nh>[^"]+)" \((?<nhl>\w+)\), "(?<nt>[^"]+)" \((?<ntl>\w+)\).*|"(?<h>[^"]+)" \((?<hl>\w+)\) --(?<r>\w+)--> "(?<t>[^"]+)" \((?<tl>\w+)\))$""", RegexOptions.Multiline)]
    private static partial Regex TriplePattern();
}
