using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Asclepius.TextMining.Core.Context;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Evaluation;
using Asclepius.TextMining.Core.Packaging;
using Asclepius.TextMining.Core.Schema;
using Asclepius.TextMining.Core.Tagging;
using Asclepius.TextMining.Ner.Training;

namespace Asclepius.TextMining.Ner.Packaging;

/// <summary>
/// Writes an NER model package for any backend: the component, schema.json, metrics.json,
/// training/options.json and training/data.json. Layouts (version 1):
/// metrics.json:  { "dev": EVAL, "test": EVAL, "training": {...} }   EVAL = Core's EvaluationJson
///                (entities strict micro/macro/labels, plus "lenient"); a split is absent when not scored.
/// training/data.json: { "train": SPLIT, "dev": SPLIT, "format": "pubtator", "content_sha256": "…" }
///   SPLIT = { "path", "file_sha256", "content_sha256", "documents", "sentences", "tokens", "entities",
///             "entities_by_label": {...}, "misaligned", "overlapping", "empty" }
/// The manifest's training_data_sha256 is the content hash of train (+ dev): a hash of the documents
/// themselves (ids, texts, entity spans and labels), so it does not depend on the file format they came in.
/// </summary>
public static class NerPackageWriter
{
    public static void Save(NerPackageRequest request, string path)
    {
        var schema = request.Schema ?? LabelSchema.FromLabels(request.Train.Labels);
        var missing = request.Train.Labels.Where(l => !schema.HasEntity(l)).ToArray();
        if (missing.Length > 0)
            throw new TextMiningException(ErrorCodes.LabelNotInSchema,
                $"training labels {string.Join(", ", missing)} are not in schema '{schema.Name}' ({string.Join(", ", schema.EntityLabels)})", request.TrainPath);

        var trainHash = ContentSha256(request.Train.Documents);
        var devHash = request.Dev is null ? null : ContentSha256(request.Dev.Documents);
        var builder = new ModelPackageBuilder(request.Name, schema)
        {
            TrainingDataSha256 = devHash is null ? trainHash : Sha256Hex(Encoding.UTF8.GetBytes(trainHash + "\n" + devHash)),
        };
        if (request.Created is { } created) builder.Created = created;
        foreach (var (name, version) in request.Producers ?? new Dictionary<string, string>()) builder.WithProducer(name, version);
        builder.AddComponent(request.ComponentName, request.Kind, request.Files);
        if (request.WithClinicalContext) ClinicalContext.AddTo(builder);

        var metrics = new JsonObject();
        if (request.DevScores is { } dev) metrics["dev"] = EvaluationJson.ToJson(dev);
        if (request.TestScores is { } test) metrics["test"] = EvaluationJson.ToJson(test);
        metrics["training"] = request.TrainingSummary?.DeepClone() ?? new JsonObject();
        builder.SetJson(ModelPackage.MetricsEntry, metrics);

        builder.SetJson(ModelPackage.TrainingOptionsEntry, new JsonObject
        {
            ["backend"] = request.Kind,
            ["options"] = request.Options.DeepClone(),
        });

        var data = new JsonObject
        {
            ["format"] = request.Format,
            ["content_sha256"] = builder.TrainingDataSha256,
            ["train"] = Split(request.Train, request.TrainPath, trainHash),
        };
        if (request.Dev is not null) data["dev"] = Split(request.Dev, request.DevPath, devHash!);
        builder.SetJson(ModelPackage.TrainingDataEntry, data);
        builder.Save(path);
    }

    private static JsonObject Split(NerTrainingSet set, string? path, string contentHash) => new()
    {
        ["path"] = path,
        ["file_sha256"] = path is null ? null : FileSha256(path),
        ["content_sha256"] = contentHash,
        ["documents"] = set.Documents.Count,
        ["sentences"] = set.Sentences.Count,
        ["tokens"] = set.TokenCount,
        ["entities"] = set.EntityCount,
        ["entities_by_label"] = new JsonObject(set.EntitiesByLabel.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
        ["misaligned"] = set.Count(AlignmentProblemKind.Misaligned),
        ["overlapping"] = set.Count(AlignmentProblemKind.Overlapping),
        ["empty"] = set.Count(AlignmentProblemKind.Empty),
    };

    /// <summary>sha256 of the documents' ids, texts and entities (span, label), in corpus order.</summary>
    public static string ContentSha256(IEnumerable<AnnotatedDocument> documents)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var d in documents)
        {
            var sb = new StringBuilder();
            sb.Append(d.Id).Append('\u0001').Append(d.Text.Length).Append('\u0001').Append(d.Text);
            foreach (var e in d.Entities) sb.Append('\u0002').Append(e.Span.Start).Append(',').Append(e.Span.End).Append(',').Append(e.Label);
            sb.Append('\u0003');
            sha.AppendData(Encoding.UTF8.GetBytes(sb.ToString()));
        }
        return Convert.ToHexString(sha.GetHashAndReset()).ToLowerInvariant();
    }

    /// <summary>sha256 of a file, or of a folder (each file's relative path and hash, sorted); null when the path is gone.</summary>
    public static string? FileSha256(string path)
    {
        if (File.Exists(path)) return Sha256Hex(File.ReadAllBytes(path));
        if (!Directory.Exists(path)) return null;
        var lines = Directory.GetFiles(path, "*", SearchOption.AllDirectories)
            .Select(f => $"{Path.GetRelativePath(path, f).Replace('\\', '/')} {Sha256Hex(File.ReadAllBytes(f))}")
            .Order(StringComparer.Ordinal);
        return Sha256Hex(Encoding.UTF8.GetBytes(string.Join("\n", lines)));
    }

    private static string Sha256Hex(byte[] data) => Convert.ToHexString(SHA256.HashData(data)).ToLowerInvariant();
}
