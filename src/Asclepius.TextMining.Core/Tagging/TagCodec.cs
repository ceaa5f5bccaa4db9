using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Text;

namespace Asclepius.TextMining.Core.Tagging;

/// <summary>
/// The one audited place where character-offset entities become token tags and back.
/// Encoding: an entity must start at a token start and end at a token end; otherwise it is reported as
/// misaligned and left untagged (never snapped to a boundary). Overlapping entities: keep the longest
/// (ties: the earlier start, then the earlier in input order); the others are reported.
/// Decoding follows conlleval's chunk rules exactly (an I- after O or after another type starts a chunk),
/// with L- read as E- and U- as S-, so scores on CoNLL files match conlleval.
/// </summary>
public static class TagCodec
{
    public const string Outside = "O";

    public static TagEncoding Encode(IReadOnlyList<Token> tokens, IEnumerable<Entity> entities, TagScheme scheme)
    {
        var tags = new string[tokens.Count];
        Array.Fill(tags, Outside);
        var problems = new List<AlignmentProblem>();

        // Keep-longest: longer entities claim their tokens first.
        var ordered = entities.Select((e, i) => (e, i))
            .OrderByDescending(x => x.e.Span.Length).ThenBy(x => x.e.Span.Start).ThenBy(x => x.i)
            .Select(x => x.e);
        var taken = new Entity?[tokens.Count];

        foreach (var entity in ordered)
        {
            var first = FindTokenStartingAt(tokens, entity.Span.Start);
            var last = FindTokenEndingAt(tokens, entity.Span.End);
            if (first < 0 || last < 0 || last < first)
            {
                if (CoversNoToken(tokens, entity.Span))
                    problems.Add(new AlignmentProblem(entity, AlignmentProblemKind.Empty, $"entity {entity.Id} {entity.Span} covers no token"));
                else
                    problems.Add(new AlignmentProblem(entity, AlignmentProblemKind.Misaligned,
                        $"entity {entity.Id} {entity.Span} '{entity.Label}' does not start and end on token boundaries"));
                continue;
            }

            Entity? clash = null;
            for (var t = first; t <= last && clash is null; t++) clash = taken[t];
            if (clash is not null)
            {
                problems.Add(new AlignmentProblem(entity, AlignmentProblemKind.Overlapping,
                    $"entity {entity.Id} {entity.Span} overlaps the longer entity {clash.Id} {clash.Span}; kept the longer"));
                continue;
            }

            for (var t = first; t <= last; t++)
            {
                taken[t] = entity;
                tags[t] = TagFor(scheme, t, first, last, entity.Label);
            }
        }
        return new TagEncoding(tags, problems);
    }

    public static IReadOnlyList<TaggedSpan> Decode(IReadOnlyList<Token> tokens, IReadOnlyList<string> tags, TagScheme scheme = TagScheme.Bilou)
    {
        if (tokens.Count != tags.Count)
            throw new ArgumentException($"{tokens.Count} tokens but {tags.Count} tags");
        var spans = new List<TaggedSpan>();
        var prevTag = "O";
        var prevType = "";
        var chunkStart = -1;
        var chunkType = "";
        for (var i = 0; i <= tags.Count; i++)
        {
            var (tag, type) = i < tags.Count ? SplitTag(tags[i]) : ("O", "");
            if (chunkStart >= 0 && EndOfChunk(prevTag, tag, prevType, type))
            {
                spans.Add(new TaggedSpan(new TextSpan(tokens[chunkStart].Start, tokens[i - 1].End), chunkType, chunkStart, i - 1));
                chunkStart = -1;
            }
            if (i < tags.Count && StartOfChunk(prevTag, tag, prevType, type))
            {
                chunkStart = i;
                chunkType = type;
            }
            prevTag = tag;
            prevType = type;
        }
        return spans;
    }

    /// <summary>Splits "B-Chemical" into ("B", "Chemical"); L is read as E and U as S (conlleval's IOBES).</summary>
    public static (string Prefix, string Type) SplitTag(string tag)
    {
        if (tag == Outside || tag.Length == 0) return ("O", "");
        var dash = tag.IndexOf('-');
        var prefix = dash < 0 ? tag : tag[..dash];
        var type = dash < 0 ? "" : tag[(dash + 1)..];
        prefix = prefix switch { "L" => "E", "U" => "S", _ => prefix };
        return (prefix, type);
    }

    /// <summary>Whether <paramref name="next"/> may follow <paramref name="prev"/> in a valid sequence of the scheme.</summary>
    public static bool IsValidTransition(string prev, string next, TagScheme scheme)
    {
        var (pp, pt) = SplitTag(prev);
        var (np, nt) = SplitTag(next);
        if (scheme == TagScheme.Bio)
            return np != "I" || ((pp is "B" or "I") && pt == nt);
        var prevOpen = pp is "B" or "I";
        if (np is "I" or "E") return prevOpen && pt == nt;
        return !prevOpen; // O, B, S may follow only a closed chunk
    }

    /// <summary>Whether a tag may end a sequence (BILOU: no open chunk).</summary>
    public static bool IsValidEnd(string tag, TagScheme scheme) =>
        scheme == TagScheme.Bio || SplitTag(tag).Prefix is "O" or "E" or "S";

    /// <summary>Whether a tag may start a sequence.</summary>
    public static bool IsValidStart(string tag, TagScheme scheme) => SplitTag(tag).Prefix is "O" or "B" or "S";

    public static IReadOnlyList<string> TagsFor(IEnumerable<string> labels, TagScheme scheme)
    {
        var tags = new List<string> { Outside };
        var prefixes = scheme == TagScheme.Bio ? new[] { "B", "I" } : new[] { "B", "I", "L", "U" };
        foreach (var label in labels.Distinct().OrderBy(l => l, StringComparer.Ordinal))
            foreach (var p in prefixes) tags.Add($"{p}-{label}");
        return tags;
    }

    private static string TagFor(TagScheme scheme, int t, int first, int last, string label)
    {
        if (scheme == TagScheme.Bio) return (t == first ? "B-" : "I-") + label;
        if (first == last) return "U-" + label;
        if (t == first) return "B-" + label;
        return (t == last ? "L-" : "I-") + label;
    }

    // conlleval's endOfChunk / startOfChunk, with "." never used here.
    private static bool EndOfChunk(string prevTag, string tag, string prevType, string type) =>
        prevTag is "E" or "S"
        || (prevTag == "B" && tag is "B" or "S" or "O")
        || (prevTag == "I" && tag is "B" or "S" or "O")
        || (prevTag != "O" && prevType != type);

    private static bool StartOfChunk(string prevTag, string tag, string prevType, string type) =>
        tag is "B" or "S"
        || (prevTag is "E" or "S" or "O" && tag is "E" or "I")
        || (tag != "O" && prevType != type);

    private static int FindTokenStartingAt(IReadOnlyList<Token> tokens, int offset)
    {
        int lo = 0, hi = tokens.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >> 1;
            var s = tokens[mid].Start;
            if (s == offset) return mid;
            if (s < offset) lo = mid + 1; else hi = mid - 1;
        }
        return -1;
    }

    private static int FindTokenEndingAt(IReadOnlyList<Token> tokens, int offset)
    {
        int lo = 0, hi = tokens.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >> 1;
            var e = tokens[mid].End;
            if (e == offset) return mid;
            if (e < offset) lo = mid + 1; else hi = mid - 1;
        }
        return -1;
    }

    private static bool CoversNoToken(IReadOnlyList<Token> tokens, TextSpan span)
    {
        foreach (var t in tokens) if (t.Span.Overlaps(span)) return false;
        return true;
    }
}
