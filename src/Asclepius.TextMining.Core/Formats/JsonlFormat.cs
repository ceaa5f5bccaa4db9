using System.Text.Json;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Formats.Support;

namespace Asclepius.TextMining.Core.Formats;

/// <summary>
/// The native format: one <see cref="AnnotatedDocument"/> per line, UTF-8 without BOM, "\n" line ends.
/// <code>
/// {"id":"d1","text":"...","entities":[{"id":"T1","start":0,"end":5,"label":"Drug","text":"...",
///   "score"?:0.9,"assertions"?:["negated"],"source"?:"gold|synthetic|predicted","concept"?:"D1","section"?:"HPI",
///   "link"?:{"id":"4329847","vocabulary":"SNOMED","name":"...","score":0.93,"source_id"?:"45757"}}],
///  "relations":[{"id":"R1","label":"Treats","head":"T1","tail":"T2","score"?:1,"source"?:"gold",
///   "head_concept"?:"D1","tail_concept"?:"D2"}],"metadata":{"key":"value"}}
/// </code>
/// Each entity's "text" must equal the slice of "text" at its offsets (ATM103); offsets must fit (ATM102);
/// relations must name entities of the same line (ATM107); document ids are unique in a file (ATM108).
/// Unknown keys are ignored and counted in the report's notes. Blank lines are skipped.
/// </summary>
/// <remarks>
/// Why the reader walks a JsonDocument instead of deserializing typed records (tried with System.Text.Json 10,
/// issue 15): the serializer reports a value of the wrong type and a string holding an escaped lone surrogate
/// with the same exception (a JsonException around an InvalidOperationException), so telling ATM101 from
/// ATM104 would rest on the wording of the runtime's messages; its errors name a path ("$.entities[3].start")
/// where ours name the entity ("entity T4 \"start\" must be an integer"); and a null "score", refused today, would read
/// as absent (1.0). Rule files, whose errors are all ATM203, are read by the serializer (<see cref="Rules.StrictJson"/>).
/// </remarks>
public sealed partial class JsonlFormat : ICorpusFormat
{
    public const string FormatName = "jsonl";

    public string Name => FormatName;

    public bool Detect(string path)
    {
        if (!Sniff.IsFile(path) || !Sniff.HasExtension(path, ".jsonl", ".ndjson", ".json")) return false;
        var first = Sniff.FirstLine(path);
        return first is not null && first.TrimStart().StartsWith('{') && first.Contains("\"text\"", StringComparison.Ordinal)
               && first.Contains("\"id\"", StringComparison.Ordinal);
    }

    public IEnumerable<AnnotatedDocument> Read(string path, ReadOptions options, ReadReport report)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        AnnotatedDocument Parse(byte[] bytes, int line)
        {
            var doc = ParseLine(bytes, line, options, report);
            if (!ids.Add(doc.Id))
                throw new RecordException(ErrorCodes.DuplicateId, $"document id '{doc.Id}' appears twice", line, doc.Id);
            return doc;
        }

        foreach (var doc in new ProblemSink(path, options, report).ByteLineRecords(Parse, "no documents (the file is empty)"))
            yield return doc;
    }

    /// <summary>The reason given for a JSON string escape that is half of a UTF-16 pair.</summary>
    public const string LoneSurrogate = "a JSON string holds an escaped lone surrogate (\\uD800-\\uDFFF without its pair); text must be valid Unicode";

    private static AnnotatedDocument ParseLine(byte[] bytes, int line, ReadOptions options, ReadReport report)
    {
        if (bytes.IndexOf((byte)0) >= 0)
            throw new RecordException(ErrorCodes.InvalidEncoding, "binary content (NUL byte)", line);
        if (!System.Text.Unicode.Utf8.IsValid(bytes))
            throw new RecordException(ErrorCodes.InvalidEncoding, "invalid UTF-8", line);

        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            throw new RecordException(ErrorCodes.MalformedRecord, $"not valid JSON ({Redaction.Position(e)})", line);
        }

        try
        {
            using (json)
            {
                var root = json.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                    throw new RecordException(ErrorCodes.MalformedRecord, $"expected a JSON object, found {root.ValueKind}", line);

                var id = RequiredId(root, "document", line, null);
                var text = RequiredString(root, "text", line, id, "document");
                if (text.Length > options.MaxDocumentChars)
                    throw new RecordException(ErrorCodes.InputTooLarge, $"text has {text.Length:N0} characters, over the limit of {options.MaxDocumentChars:N0}", line, id);

                Dictionary<string, string>? metadata = null;
                var entities = new List<Entity>();
                var relations = new List<Relation>();
                JsonElement relationsElement = default;
                foreach (var p in root.EnumerateObject())
                {
                    switch (p.Name)
                    {
                        case "id":
                        case "text":
                            break;
                        case "entities":
                            if (p.Value.ValueKind == JsonValueKind.Null) break;
                            if (p.Value.ValueKind != JsonValueKind.Array)
                                throw new RecordException(ErrorCodes.MalformedRecord, "\"entities\" must be an array", line, id);
                            var entityIds = new HashSet<string>(StringComparer.Ordinal);
                            foreach (var e in p.Value.EnumerateArray())
                            {
                                var entity = ParseEntity(e, text, line, id, report);
                                if (!entityIds.Add(entity.Id))
                                    throw new RecordException(ErrorCodes.DuplicateId, $"entity id '{entity.Id}' appears twice", line, id);
                                entities.Add(entity);
                            }
                            break;
                        case "relations":
                            if (p.Value.ValueKind == JsonValueKind.Null) break;
                            if (p.Value.ValueKind != JsonValueKind.Array)
                                throw new RecordException(ErrorCodes.MalformedRecord, "\"relations\" must be an array", line, id);
                            relationsElement = p.Value;
                            break;
                        case "metadata":
                            metadata = ParseMetadata(p.Value, line, id);
                            break;
                        default:
                            report.Count($"jsonl: unknown document key '{p.Name}' ignored");
                            break;
                    }
                }

                if (relationsElement.ValueKind == JsonValueKind.Array)
                {
                    var entityIds = new HashSet<string>(entities.Select(e => e.Id), StringComparer.Ordinal);
                    var relationIds = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var r in relationsElement.EnumerateArray())
                    {
                        var relation = ParseRelation(r, line, id, report);
                        if (!relationIds.Add(relation.Id))
                            throw new RecordException(ErrorCodes.DuplicateId, $"relation id '{relation.Id}' appears twice", line, id);
                        if (!entityIds.Contains(relation.HeadId))
                            throw new RecordException(ErrorCodes.DanglingReference, $"relation {relation.Id} head '{relation.HeadId}' is not an entity of this document", line, id);
                        if (!entityIds.Contains(relation.TailId))
                            throw new RecordException(ErrorCodes.DanglingReference, $"relation {relation.Id} tail '{relation.TailId}' is not an entity of this document", line, id);
                        relations.Add(relation);
                    }
                }

                return new AnnotatedDocument(new Document(id, text, metadata), entities, relations);
            }
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json parses "\ud800" but cannot turn it into a string: a lone surrogate is not text.
            throw new RecordException(ErrorCodes.InvalidEncoding, LoneSurrogate, line);
        }
    }

    private static readonly string[] EntityKeys = ["id", "start", "end", "label", "text"];
    private static readonly string[] EntityStringKeys = ["concept", "section"];
    private static readonly string[] RelationKeys = ["id", "label", "head", "tail"];
    private static readonly string[] RelationStringKeys = ["head_concept", "tail_concept"];

    private static Entity ParseEntity(JsonElement e, string text, int line, string docId, ReadReport report)
    {
        var (id, what) = Annotation(e, "entity", line, docId);
        var start = RequiredInt(e, "start", line, docId, what);
        var end = RequiredInt(e, "end", line, docId, what);
        var label = NonEmptyString(e, "label", line, docId, what);
        var surface = RequiredString(e, "text", line, docId, what);
        if (start < 0 || end < start || end > text.Length)
            throw new RecordException(ErrorCodes.OffsetsOutOfRange, $"{what} offsets [{start},{end}) do not fit in a text of {text.Length} characters", line, docId);
        if (!text.AsSpan(start, end - start).SequenceEqual(surface))
            throw new RecordException(ErrorCodes.TextMismatch, $"{what} text ({Clip(surface)}) differs from the text at [{start},{end})", line, docId);

        var assertions = Assertions.None;
        ConceptLink? link = null;
        var optional = ReadOptional(e, "entity", EntityKeys, EntityStringKeys, line, docId, what, report, p =>
        {
            switch (p.Name)
            {
                case "assertions":
                    assertions |= AssertionsOf(p.Value, line, docId, what);
                    return true;
                case "link":
                    link = LinkOf(p.Value, line, docId, what);
                    return true;
                default:
                    return false;
            }
        });
        return new Entity(id, new TextSpan(start, end), label, optional.Score, assertions, optional.Source,
            optional.StringOf("concept"), optional.StringOf("section"), link);
    }

    private static Assertions AssertionsOf(JsonElement v, int line, string docId, string what)
    {
        var assertions = Assertions.None;
        if (v.ValueKind == JsonValueKind.Null) return assertions;
        if (v.ValueKind != JsonValueKind.Array)
            throw new RecordException(ErrorCodes.MalformedRecord, $"{what} \"assertions\" must be an array of strings", line, docId);
        foreach (var a in v.EnumerateArray())
        {
            if (a.ValueKind != JsonValueKind.String || !AnnotationNames.TryParseAssertion(a.GetString()!, out var flag))
                throw new RecordException(ErrorCodes.MalformedRecord, $"{what} has unknown assertion {a.GetRawText()}; allowed: {AnnotationNames.AllowedAssertions}", line, docId);
            assertions |= flag;
        }
        return assertions;
    }

    private static ConceptLink? LinkOf(JsonElement v, int line, string docId, string what)
    {
        if (v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.Object)
            throw new RecordException(ErrorCodes.MalformedRecord, $"{what} \"link\" must be an object with id, vocabulary, name and score", line, docId);
        var linkWhat = what + " link";
        var id = NonEmptyString(v, "id", line, docId, linkWhat);
        string? Optional(string key) => v.TryGetProperty(key, out var x) ? OptionalString(x, line, docId, linkWhat, key) : null;
        var score = v.TryGetProperty("score", out var s) ? ScoreOf(s, line, docId, linkWhat) : 1.0;
        return new ConceptLink(id, Optional("vocabulary") ?? "", Optional("name") ?? "", score, Optional("source_id"));
    }

    private static Relation ParseRelation(JsonElement r, int line, string docId, ReadReport report)
    {
        var (id, what) = Annotation(r, "relation", line, docId);
        var label = NonEmptyString(r, "label", line, docId, what);
        var head = RequiredString(r, "head", line, docId, what);
        var tail = RequiredString(r, "tail", line, docId, what);
        var optional = ReadOptional(r, "relation", RelationKeys, RelationStringKeys, line, docId, what, report);
        return new Relation(id, label, head, tail, optional.Score, optional.Source, optional.StringOf("head_concept"), optional.StringOf("tail_concept"));
    }

    /// <summary>The optional keys of an entity or a relation after its required ones.</summary>
    private sealed class OptionalKeys
    {
        public double Score { get; set; } = 1.0;
        public AnnotationSource Source { get; set; } = AnnotationSource.Gold;
        public Dictionary<string, string?> Strings { get; } = new(StringComparer.Ordinal);
        public string? StringOf(string key) => Strings.GetValueOrDefault(key);
    }

    /// <summary>
    /// Reads, in order, the keys an entity and a relation share ("score", "source"), the string keys of its kind,
    /// and through <paramref name="other"/> the keys only one kind has; a key none of them takes and that is
    /// not <paramref name="required"/> (read before) is counted as ignored.
    /// </summary>
    private static OptionalKeys ReadOptional(JsonElement obj, string kind, string[] required, string[] stringKeys, int line, string docId, string what,
        ReadReport report, Func<JsonProperty, bool>? other = null)
    {
        var keys = new OptionalKeys();
        foreach (var p in obj.EnumerateObject())
        {
            if (required.Contains(p.Name)) continue;
            if (p.Name == "score") keys.Score = ScoreOf(p.Value, line, docId, what);
            else if (p.Name == "source") keys.Source = SourceOf(p.Value, line, docId, what);
            else if (stringKeys.Contains(p.Name)) keys.Strings[p.Name] = OptionalString(p.Value, line, docId, what, p.Name);
            else if (other is null || !other(p)) report.Count($"jsonl: unknown {kind} key '{p.Name}' ignored");
        }
        return keys;
    }

    private static Dictionary<string, string>? ParseMetadata(JsonElement m, int line, string docId)
    {
        if (m.ValueKind == JsonValueKind.Null) return null;
        if (m.ValueKind != JsonValueKind.Object)
            throw new RecordException(ErrorCodes.MalformedRecord, "\"metadata\" must be an object of strings", line, docId);
        var dict = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in m.EnumerateObject())
        {
            dict[p.Name] = p.Value.ValueKind switch
            {
                JsonValueKind.String => p.Value.GetString()!,
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => p.Value.GetRawText(),
                JsonValueKind.Null => "",
                _ => throw new RecordException(ErrorCodes.MalformedRecord, $"metadata \"{p.Name}\" must be a string, number or boolean", line, docId),
            };
        }
        return dict;
    }

    /// <summary>An entity or relation object and its id, with the words that name it in errors ("entity T4").</summary>
    private static (string Id, string What) Annotation(JsonElement obj, string kind, int line, string docId)
    {
        if (obj.ValueKind != JsonValueKind.Object)
            throw new RecordException(ErrorCodes.MalformedRecord, $"each {kind} must be a JSON object", line, docId);
        var id = RequiredId(obj, kind, line, docId);
        return (id, $"{kind} {id}");
    }

    /// <summary>The "id" of a document, entity or relation: a string, not empty.</summary>
    private static string RequiredId(JsonElement obj, string kind, int line, string? docId)
    {
        var id = RequiredString(obj, "id", line, docId, kind);
        if (id.Length == 0) throw new RecordException(ErrorCodes.MalformedRecord, $"{kind} \"id\" is empty", line, docId);
        return id;
    }

    private static string NonEmptyString(JsonElement obj, string name, int line, string docId, string what)
    {
        var value = RequiredString(obj, name, line, docId, what);
        if (value.Length == 0) throw new RecordException(ErrorCodes.MalformedRecord, $"{what} has an empty \"{name}\"", line, docId);
        return value;
    }

    private static string RequiredString(JsonElement obj, string name, int line, string? docId, string what)
    {
        if (!obj.TryGetProperty(name, out var v))
            throw new RecordException(ErrorCodes.MalformedRecord, $"{what} has no \"{name}\"", line, docId);
        if (v.ValueKind != JsonValueKind.String)
            throw new RecordException(ErrorCodes.MalformedRecord, $"{what} \"{name}\" must be a string, found {v.ValueKind}", line, docId);
        return v.GetString()!;
    }

    private static int RequiredInt(JsonElement obj, string name, int line, string docId, string what)
    {
        if (!obj.TryGetProperty(name, out var v))
            throw new RecordException(ErrorCodes.MalformedRecord, $"{what} has no \"{name}\"", line, docId);
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var i))
            throw new RecordException(ErrorCodes.MalformedRecord, $"{what} \"{name}\" must be an integer, found a {v.ValueKind} of {Clip(v.GetRawText())}", line, docId);
        return i;
    }

    private static string? OptionalString(JsonElement v, int line, string docId, string what, string name) => v.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => v.GetString(),
        _ => throw new RecordException(ErrorCodes.MalformedRecord, $"{what} \"{name}\" must be a string", line, docId),
    };

    private static double ScoreOf(JsonElement v, int line, string docId, string what)
    {
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var d) || double.IsNaN(d) || d < 0 || d > 1)
            throw new RecordException(ErrorCodes.MalformedRecord, $"{what} \"score\" must be a number in [0, 1], found a {v.ValueKind} of {Clip(v.GetRawText())}", line, docId);
        return d;
    }

    private static AnnotationSource SourceOf(JsonElement v, int line, string docId, string what)
    {
        if (v.ValueKind != JsonValueKind.String || !AnnotationNames.TryParseSource(v.GetString()!, out var s))
            throw new RecordException(ErrorCodes.MalformedRecord, $"{what} has an unknown \"source\" ({Clip(v.GetRawText())}); allowed: gold, synthetic, predicted", line, docId);
        return s;
    }

    private static string Clip(string s) => Redaction.Length(s);
}
