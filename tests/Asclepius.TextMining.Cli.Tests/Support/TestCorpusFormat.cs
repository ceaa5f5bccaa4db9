using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Formats;

namespace Asclepius.TextMining.Cli.Tests.Support;

/// <summary>
/// A test-only corpus format ("tcorpus", files named *.tcorpus): one JSON document per line,
/// {"id","text","entities":[{"id","start","end","label"}],"relations":[{"id","label","head","tail","head_concept","tail_concept"}]}.
/// It lets the CLI tests run without depending on the real readers. The registry's Register is internal
/// to Core, so it is called by reflection here, once, in tests only.
/// </summary>
public sealed class TestCorpusFormat : ICorpusFormat
{
    public const string Extension = ".tcorpus";
    private static bool _registered;

    public string Name => "tcorpus";

    public static void EnsureRegistered()
    {
        if (_registered) return;
        var register = typeof(CorpusFormats).GetMethod("Register", BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new InvalidOperationException("CorpusFormats.Register not found");
        if (!CorpusFormats.Names.Contains("tcorpus")) register.Invoke(null, [new TestCorpusFormat()]);
        _registered = true;
    }

    public bool Detect(string path) => File.Exists(path) && path.EndsWith(Extension, StringComparison.OrdinalIgnoreCase);

    public IEnumerable<AnnotatedDocument> Read(string path, ReadOptions options, ReadReport report)
    {
        var lineNo = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            if (line.Length == 0) continue;
            AnnotatedDocument? doc = null;
            try
            {
                doc = Parse(line);
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or NullReferenceException or ArgumentException or FormatException)
            {
                var problem = new ReadProblem(path, lineNo, null, ErrorCodes.MalformedRecord, $"not a test corpus record: {ex.Message}");
                if (!options.Lenient) throw new TextMiningException(problem.Code, problem.Reason, $"{path}:{lineNo}");
                report.Add(problem);
            }
            if (doc is not null) yield return doc;
        }
    }

    public void Write(IEnumerable<AnnotatedDocument> documents, string path) =>
        File.WriteAllLines(path, documents.Select(Format));

    public static string Format(AnnotatedDocument d)
    {
        var entities = new JsonArray(d.Entities.Select(e => (JsonNode)new JsonObject
        {
            ["id"] = e.Id, ["start"] = e.Span.Start, ["end"] = e.Span.End, ["label"] = e.Label,
        }).ToArray());
        var relations = new JsonArray(d.Relations.Select(r => (JsonNode)new JsonObject
        {
            ["id"] = r.Id, ["label"] = r.Label, ["head"] = r.HeadId, ["tail"] = r.TailId,
            ["head_concept"] = r.HeadConcept, ["tail_concept"] = r.TailConcept,
        }).ToArray());
        return new JsonObject { ["id"] = d.Id, ["text"] = d.Text, ["entities"] = entities, ["relations"] = relations }.ToJsonString();
    }

    private static AnnotatedDocument Parse(string line)
    {
        var o = JsonNode.Parse(line)!.AsObject();
        var entities = o["entities"]!.AsArray().Select(e => new Entity(
            (string)e!["id"]!, new TextSpan((int)e["start"]!, (int)e["end"]!), (string)e["label"]!)).ToList();
        var relations = o["relations"]!.AsArray().Select(r => new Relation(
            (string)r!["id"]!, (string)r["label"]!, (string)r["head"]!, (string)r["tail"]!,
            HeadConcept: (string?)r["head_concept"], TailConcept: (string?)r["tail_concept"])).ToList();
        return new AnnotatedDocument(new Document((string)o["id"]!, (string)o["text"]!), entities, relations);
    }
}
