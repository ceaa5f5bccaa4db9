using System.ClientModel;
using System.Globalization;
using System.Text.Json.Nodes;
using Asclepius.TextMining.Core.Schema;
using Asclepius.TextMining.Generation.Contracts;
using Asclepius.TextMining.Generation.Prompts;
using Asclepius.TextMining.Generation.Validation;

namespace Asclepius.TextMining.Generation.Llm;

/// <summary>
/// The "azure" and "openai" providers. Each request is reproducible from its seed: the seed picks
/// entity or relation prompt, the style, the seed names, the triples and the examples. The answer is
/// read as untrusted JSON (<see cref="AnswerParser"/>); relation answers are checked against the
/// triples they were asked for; with <see cref="LlmProviderOptions.Verify"/> a second call asks the
/// model to confirm every label. What this class rejects comes back in GenerationBatch.Rejected; the
/// runner's validator does the rest. Thread-safe: the runner calls it concurrently.
/// </summary>
public sealed class LlmSampleGenerator : ISampleGenerator, IGeneratorInfo
{
    public const string TripleMismatch = "triple_mismatch";
    private const int MaxExampleChars = 400;

    /// <summary>Document metadata key telling whether the document's relations were asked for ("annotated") or not ("not_annotated").</summary>
    public const string RelationsMetadataKey = "relations";
    public const string RelationsAnnotated = "annotated";
    public const string RelationsNotAnnotated = "not_annotated";

    private readonly LlmProviderOptions _options;
    private readonly ChatEndpoint _endpoint;
    private readonly PromptBuilder _builder;
    private readonly LabelSchema _schema;
    private readonly CallRetryPolicy _retry;
    private readonly BinaryData _answerSchema;
    private readonly BinaryData _verifySchema = AnswerSchemas.Verify();
    private int _level;

    public LlmSampleGenerator(LlmProviderOptions options, ChatEndpoint endpoint, PromptBuilder builder, LabelSchema schema)
    {
        _options = options;
        _endpoint = endpoint;
        _builder = builder;
        _schema = schema;
        _retry = new CallRetryPolicy(options.Retry, options.Timeout);
        _answerSchema = AnswerSchemas.Generation(schema);
        _level = (int)options.ResponseFormat;
        Validate(options);
    }

    /// <summary>Builds the endpoint from the options, reading the key from the environment variable they name.</summary>
    public static LlmSampleGenerator Create(LlmProviderOptions options, PromptBuilder builder, LabelSchema schema)
    {
        Validate(options);
        return new LlmSampleGenerator(options, ChatEndpoint.Create(options, ApiKeys.Read(options)), builder, schema);
    }

    public string Provider => _options.Kind == ProviderKind.Azure ? "azure" : "openai";

    public string Model => (_options.Kind == ProviderKind.Azure ? _options.Deployment : _options.Model) ?? "";

    public ResponseFormatLevel ResponseFormat => (ResponseFormatLevel)Volatile.Read(ref _level);

    public string? EndpointHost => _endpoint.EndpointHost;

    public IReadOnlyList<PromptInfo> Prompts
    {
        get
        {
            var list = new List<PromptInfo> { _builder.Prompts.Entities.Info };
            if (_schema.Relations.Count > 0) list.Add(_builder.Prompts.Relations.Info);
            if (_options.Verify) list.Add(_builder.Prompts.Verify.Info);
            return list;
        }
    }

    public IReadOnlyDictionary<string, string> Details
    {
        get
        {
            var d = new Dictionary<string, string>
            {
                ["response_format"] = ResponseFormat switch
                {
                    ResponseFormatLevel.JsonSchema => "json_schema",
                    ResponseFormatLevel.JsonObject => "json_object",
                    _ => "text",
                },
                ["verify"] = _options.Verify ? "true" : "false",
                ["timeout_seconds"] = _options.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture),
                ["max_attempts"] = _options.Retry.MaxAttempts.ToString(CultureInfo.InvariantCulture),
            };
            if (_options.Temperature is { } t) d["temperature"] = t.ToString(CultureInfo.InvariantCulture);
            if (_options.Kind == ProviderKind.Azure) d["api_version"] = _options.ApiVersion;
            return d;
        }
    }

    public async Task<GenerationBatch> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken)
    {
        var rng = new Random(request.Seed);
        var relations = _builder.UsesRelations(rng);
        var examples = await PickExamplesAsync(request, relations, rng, cancellationToken).ConfigureAwait(false);
        var prompt = _builder.Build(request.Count, relations, rng, examples);

        var rejected = new Dictionary<string, int>();
        var retried = new Dictionary<string, int>();
        var promptTokens = 0;
        var completionTokens = 0;

        ChatAnswer answer;
        try
        {
            answer = await CallAsync(prompt.Text, AnswerSchemas.GenerationName, _answerSchema, retried, cancellationToken).ConfigureAwait(false);
        }
        catch (ContentFilteredException)
        {
            return new GenerationBatch(Array.Empty<CandidateSample>(), 0, 0, new Dictionary<string, int> { [DropReasons.ContentFilter] = 1 }, retried);
        }
        promptTokens += answer.PromptTokens;
        completionTokens += answer.CompletionTokens;

        var parsed = AnswerParser.Parse(answer);
        foreach (var (k, v) in parsed.Rejected) Add(rejected, k, v);
        // Entity prompts do not ask for relations, so their documents say so: an RE trainer must not
        // read their missing relations as negatives. Relations such a prompt returns anyway are unchecked: cleared.
        var relationFlag = new Dictionary<string, string> { [RelationsMetadataKey] = relations ? RelationsAnnotated : RelationsNotAnnotated };
        var samples = parsed.Samples
            .Select(s => s with
            {
                Relations = relations ? s.Relations : Array.Empty<CandidateRelation>(),
                Style = prompt.Style?.Id,
                PromptId = prompt.Template.Id,
                Metadata = relationFlag,
            })
            .ToList();

        if (prompt.Triples is { } triples && _options.CheckTriples && samples.Count == triples.Count)
            samples = KeepMatchingTriples(samples, triples, rejected);

        if (_options.Verify && samples.Count > 0)
        {
            var (verified, p, c) = await VerifyAsync(samples, rejected, retried, cancellationToken).ConfigureAwait(false);
            samples = verified;
            promptTokens += p;
            completionTokens += c;
        }
        return new GenerationBatch(samples, promptTokens, completionTokens, rejected, retried);
    }

    /// <summary>One call with retries, stepping down the response format when the endpoint rejects it (HTTP 400).</summary>
    private Task<ChatAnswer> CallAsync(string prompt, string schemaName, BinaryData schema, Dictionary<string, int> retried, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(async token =>
        {
            while (true)
            {
                var level = ResponseFormat;
                try
                {
                    return await _endpoint.CompleteAsync(prompt, level, schemaName, schema, _options, token).ConfigureAwait(false);
                }
                catch (ClientResultException ex) when (ex.Status == 400)
                {
                    var body = CallRetryPolicy.BodyExcerpt(ex);
                    if (body.Contains("content_filter", StringComparison.OrdinalIgnoreCase) || body.Contains("content management policy", StringComparison.OrdinalIgnoreCase))
                        throw new ContentFilteredException(body);
                    if (level == ResponseFormatLevel.Text) throw;
                    Interlocked.CompareExchange(ref _level, (int)level + 1, (int)level);
                }
            }
        }, retried, cancellationToken);

    /// <summary>A sentence asked to state relation R must carry a relation labelled R; a NONE sentence must not relate its two seeds.</summary>
    private static List<CandidateSample> KeepMatchingTriples(List<CandidateSample> samples, IReadOnlyList<SeededTriple> triples, Dictionary<string, int> rejected)
    {
        var kept = new List<CandidateSample>(samples.Count);
        for (var i = 0; i < samples.Count; i++)
        {
            var s = samples[i];
            var t = triples[i];
            bool ok;
            if (t.Relation is not null)
            {
                ok = s.Relations.Any(r => r.Label == t.Relation);
            }
            else
            {
                ok = !s.Relations.Any(r =>
                    r.Head >= 0 && r.Head < s.Entities.Count && r.Tail >= 0 && r.Tail < s.Entities.Count
                    && string.Equals(s.Entities[r.Head].Text, t.Head, StringComparison.OrdinalIgnoreCase)
                    && string.Equals(s.Entities[r.Tail].Text, t.Tail, StringComparison.OrdinalIgnoreCase));
            }
            if (ok) kept.Add(s);
            else Add(rejected, TripleMismatch, 1);
        }
        return kept;
    }

    private async Task<(List<CandidateSample> Kept, int PromptTokens, int CompletionTokens)> VerifyAsync(
        List<CandidateSample> samples, Dictionary<string, int> rejected, Dictionary<string, int> retried, CancellationToken cancellationToken)
    {
        var prompt = _builder.BuildVerify(samples);
        ChatAnswer answer;
        try
        {
            answer = await CallAsync(prompt, AnswerSchemas.VerifyName, _verifySchema, retried, cancellationToken).ConfigureAwait(false);
        }
        catch (ContentFilteredException)
        {
            Add(rejected, DropReasons.VerifyMalformed, samples.Count);
            return (new List<CandidateSample>(), 0, 0);
        }

        var verdicts = new Dictionary<int, JsonObject>();
        var root = JsonExtractor.FirstJson(answer.Content);
        var items = root switch { JsonArray a => a, JsonObject o when o["sentences"] is JsonArray a => a, _ => null };
        if (items is not null)
        {
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i] is not JsonObject v) continue;
                var index = v["index"] is JsonValue iv && iv.TryGetValue(out int n) ? n : i;
                verdicts.TryAdd(index, v);
            }
        }

        var kept = new List<CandidateSample>();
        for (var i = 0; i < samples.Count; i++)
        {
            var s = samples[i];
            if (!verdicts.TryGetValue(i, out var v)
                || Booleans(v["entities"]) is not { } ents || ents.Count != s.Entities.Count
                || Booleans(v["relations"] ?? new JsonArray()) is not { } rels || rels.Count != s.Relations.Count)
            {
                Add(rejected, DropReasons.VerifyMalformed, 1);
                continue;
            }
            if (ents.All(b => b) && rels.All(b => b)) kept.Add(s);
            else Add(rejected, DropReasons.VerifyRejected, 1);
        }
        return (kept, answer.PromptTokens, answer.CompletionTokens);
    }

    private static List<bool>? Booleans(JsonNode? node)
    {
        if (node is not JsonArray a) return null;
        var list = new List<bool>(a.Count);
        foreach (var x in a)
        {
            if (x is JsonValue v && v.TryGetValue(out bool b)) list.Add(b);
            else return null;
        }
        return list;
    }

    private async Task<IReadOnlyList<CandidateSample>> PickExamplesAsync(GenerationRequest request, bool relations, Random rng, CancellationToken cancellationToken)
    {
        var want = _options.ExamplesPerPrompt;
        if (want <= 0) return Array.Empty<CandidateSample>();
        IReadOnlyList<CandidateSample> pool = _options.Examples;
        if (_options.ExampleSource is { } source)
        {
            var batch = await source.GenerateAsync(new GenerationRequest(request.Schema, Math.Max(want * 4, 8), request.Seed, request.BatchIndex), cancellationToken).ConfigureAwait(false);
            pool = batch.Samples;
        }
        // Short examples only: they are paid for in every prompt.
        pool = pool.Where(s => s.Text.Length <= MaxExampleChars).ToList();
        if (pool.Count == 0) return Array.Empty<CandidateSample>();
        var preferred = pool.Where(s => (s.Relations.Count > 0) == relations).ToList();
        var from = preferred.Count >= want ? preferred : pool.ToList();
        var picked = new List<CandidateSample>(want);
        foreach (var i in Enumerable.Range(0, from.Count).OrderBy(_ => rng.Next()).Take(want))
            picked.Add(relations ? from[i] : from[i] with { Relations = Array.Empty<CandidateRelation>() });
        return picked;
    }

    private static void Validate(LlmProviderOptions options)
    {
        var error = options.Kind switch
        {
            ProviderKind.Azure when options.Endpoint is null => "the azure provider needs --endpoint (https://RESOURCE.openai.azure.com)",
            ProviderKind.Azure when string.IsNullOrWhiteSpace(options.Deployment) => "the azure provider needs --deployment",
            ProviderKind.OpenAI when string.IsNullOrWhiteSpace(options.Model) => "the openai provider needs --model",
            _ => null,
        };
        if (error is null && options.Endpoint is { } e && !(e.IsAbsoluteUri && (e.Scheme == Uri.UriSchemeHttp || e.Scheme == Uri.UriSchemeHttps)))
            error = "--endpoint must be an absolute http:// or https:// URL";
        if (error is null && !string.IsNullOrEmpty(options.Endpoint?.UserInfo))
            error = "--endpoint must not carry credentials; put the key in an environment variable";
        if (error is not null) throw new Core.Errors.TextMiningException(Core.Errors.ErrorCodes.ProviderConfiguration, error);
    }

    private static void Add(Dictionary<string, int> counts, string key, int by) => counts[key] = counts.GetValueOrDefault(key) + by;
}
