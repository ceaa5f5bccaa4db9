using System.Text.Json;
using System.Text.Json.Nodes;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Tagging;

namespace Asclepius.TextMining.Ner.BiLstmCrf;

/// <summary>
/// Word, character and tag vocabularies of one model. Layout of vocab.json (version 1):
/// { "format_version": 1, "words": ["&lt;pad&gt;", "&lt;unk&gt;", ...], "chars": ["&lt;pad&gt;", "&lt;unk&gt;", "a", ...],
///   "tags": ["O", "B-Chemical", ...] }. An id is a position in its list; words are normalized
/// (<see cref="WordFeatures.Normalize"/>); tags use BILOU.
/// </summary>
internal sealed class BiLstmCrfVocabulary
{
    public const int Pad = 0;
    public const int Unknown = 1;
    private const int FormatVersion = 1;

    private readonly Dictionary<string, int> _words;
    private readonly Dictionary<char, int> _chars;

    public BiLstmCrfVocabulary(IReadOnlyList<string> words, IReadOnlyList<string> chars, IReadOnlyList<string> tags)
    {
        Words = words;
        Chars = chars;
        Tags = tags;
        _words = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 2; i < words.Count; i++) _words.TryAdd(words[i], i);
        _chars = new Dictionary<char, int>();
        for (var i = 2; i < chars.Count; i++) if (chars[i].Length == 1) _chars.TryAdd(chars[i][0], i);
        Labels = tags.Where(t => t != TagCodec.Outside).Select(t => TagCodec.SplitTag(t).Type).Distinct().Order(StringComparer.Ordinal).ToArray();
    }

    public IReadOnlyList<string> Words { get; }
    public IReadOnlyList<string> Chars { get; }
    public IReadOnlyList<string> Tags { get; }
    public IReadOnlyList<string> Labels { get; }

    public int WordId(string normalized) => _words.TryGetValue(normalized, out var id) ? id : Unknown;
    public int CharId(char c) => _chars.TryGetValue(c, out var id) ? id : Unknown;
    public bool HasWord(string normalized) => _words.ContainsKey(normalized);

    public static BiLstmCrfVocabulary Build(IEnumerable<string> normalizedWords, IEnumerable<string> rawTokens, IEnumerable<string> labels, int maxWords)
    {
        var words = new List<string> { "<pad>", "<unk>" };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var w in normalizedWords)
        {
            if (words.Count >= maxWords) break;
            if (seen.Add(w)) words.Add(w);
        }
        var chars = new List<string> { "<pad>", "<unk>" };
        var seenChars = new HashSet<char>();
        foreach (var t in rawTokens)
            foreach (var c in t)
                if (seenChars.Add(c)) chars.Add(c.ToString());
        return new BiLstmCrfVocabulary(words, chars, TagCodec.TagsFor(labels, TagScheme.Bilou));
    }

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(new JsonObject
    {
        ["format_version"] = FormatVersion,
        ["words"] = new JsonArray(Words.Select(w => (JsonNode)w).ToArray()),
        ["chars"] = new JsonArray(Chars.Select(c => (JsonNode)c).ToArray()),
        ["tags"] = new JsonArray(Tags.Select(t => (JsonNode)t).ToArray()),
    });

    public static BiLstmCrfVocabulary FromJson(byte[] json, string location)
    {
        try
        {
            var o = JsonNode.Parse(json) as JsonObject ?? throw new JsonException("not an object");
            var version = (int?)o["format_version"] ?? 1;
            if (version > FormatVersion)
                throw new TextMiningException(ErrorCodes.PackageVersionUnsupported, $"vocabulary format {version} is newer than this build reads ({FormatVersion})", location);
            string[] List(string key) => ((JsonArray?)o[key] ?? throw new JsonException($"'{key}' is missing")).Select(x => (string)x!).ToArray();
            var words = List("words");
            var chars = List("chars");
            var tags = List("tags");
            if (words.Length < 2 || chars.Length < 2 || tags.Length < 1 || tags[0] != TagCodec.Outside)
                throw new JsonException("words/chars must start with <pad>, <unk>; tags with O");
            return new BiLstmCrfVocabulary(words, chars, tags);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or InvalidCastException)
        {
            throw new TextMiningException(ErrorCodes.PackageMalformed, $"BiLSTM-CRF vocabulary is malformed: {ex.Message}", location, ex);
        }
    }
}
