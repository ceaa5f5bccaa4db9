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
    public const string TripleMismatch = TripleCheck.Mismatch;
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
    private readonly EndpointProfile _profile;
    private readonly RawAnswerLog? _raw;

    public LlmSampleGenerator(LlmProviderOptions options, ChatEndpoint endpoint, PromptBuilder builder, LabelSchema schema)
    {
        _options = options;
        _endpoint = endpoint;
        _builder = builder;
        _schema = schema;
        _retry = new CallRetryPolicy(options.Retry, options.Timeout);
        _answerSchema = AnswerSchemas.Generation(schema);
        _profile = new EndpointProfile(options);
        Validate(options);
        if (options.KeepRawDirectory is { } dir) _raw = new RawAnswerLog(dir);
    }

    /// <summary>Builds the endpoint from the options, reading the key from the environment variable they name.</summary>
    public static LlmSampleGenerator Create(LlmProviderOptions options, PromptBuilder builder, LabelSchema schema)
    {
        Validate(options);
        return new LlmSampleGenerator(options, ChatEndpoint.Create(options, ApiKeys.Read(options)), builder, schema);
    }

    public string Provider => _options.Kind == ProviderKind.Azure ? "azure" : "openai";

    public string Model => (_options.Kind == ProviderKind.Azure ? _options.Deployment : _options.Model) ?? "";

    public ResponseFormatLevel ResponseFormat => _profile.ResponseFormat;

    /// <summary>What the endpoint has been found to accept so far.</summary>
    public EndpointProfile Endpoint => _profile;

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
            var d = new Dictionary<string, string>(_profile.Details())
            {
                ["verify"] = _options.Verify ? "true" : "false",
                ["timeout_seconds"] = _options.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture),
                ["max_attempts"] = _options.Retry.MaxAttempts.ToString(CultureInfo.InvariantCulture),
            };
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
        var call = new Call(request, "generate", prompt.Template.Id);

        ParsedAnswer parsed;
        try
        {
            // A malformed, cut or empty answer is asked once more before the batch is given up.
            parsed = await AskAsync(call, prompt.Text, AnswerSchemas.GenerationName, _answerSchema, AnswerParser.Parse, retried, cancellationToken).ConfigureAwait(false);
        }
        catch (ContentFilteredException)
        {
            return new GenerationBatch(Array.Empty<CandidateSample>(), new Dictionary<string, int> { [DropReasons.ContentFilter] = 1 }, retried);
        }

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

        if (prompt.Triples is { } triples && _options.CheckTriples)
            samples = TripleCheck.KeepMatching(samples, triples, rejected);
        if (prompt.Negatives is { Count: > 0 } negatives)
            samples = NegativeCheck.KeepUnlabeled(samples, negatives, rejected);

        if (_options.Verify && samples.Count > 0)
            samples = await VerifyAsync(request, samples, rejected, retried, cancellationToken).ConfigureAwait(false);
        return new GenerationBatch(samples, rejected, retried);
    }

    /// <summary>Answer kinds worth asking once more: the model may well answer properly the second time.</summary>
    private static readonly string[] AskAgainOn = [DropReasons.MalformedJson, DropReasons.TruncatedAnswer, DropReasons.EmptyAnswer];

    /// <summary>One question: the call (with retries and adaptation), then the answer read; a malformed answer is asked once more.</summary>
    private async Task<ParsedAnswer> AskAsync(Call call, string prompt, string schemaName, BinaryData schema, Func<ChatAnswer, ParsedAnswer> read,
        Dictionary<string, int> retried, CancellationToken cancellationToken)
    {
        for (var asked = 1; ; asked++)
        {
            var answer = await CallAsync(call, prompt, schemaName, schema, retried, cancellationToken).ConfigureAwait(false);
            var parsed = read(answer);
            _raw?.Write(call.Request.BatchIndex, call.Kind, call.PromptId, asked, parsed.Samples.Count > 0 ? "parsed" : string.Join(",", parsed.Rejected.Keys), answer);
            if (asked >= 2 || parsed.Samples.Count > 0 || !parsed.Rejected.Keys.Any(k => AskAgainOn.Contains(k))) return parsed;
            Add(retried, "malformed_answer", 1);
        }
    }

    /// <summary>Maximum reshapes of one request (each 400 that names a parameter changes one thing).</summary>
    private const int MaxAdaptations = 6;

    /// <summary>
    /// One call with retries (<see cref="CallRetryPolicy"/>); a 400 that names what to change (a parameter,
    /// the response format, the context) reshapes the request and asks again at once (<see cref="EndpointProfile"/>).
    /// Every attempt is reported to the run's usage sink, failed ones too (tokens estimated when unknown).
    /// </summary>
    private Task<ChatAnswer> CallAsync(Call call, string prompt, string schemaName, BinaryData schema, Dictionary<string, int> retried, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(async token =>
        {
            for (var adaptations = 0; ; adaptations++)
            {
                var shape = _profile.Shape(prompt.Length);
                try
                {
                    var answer = await _endpoint.CompleteAsync(prompt, shape, schemaName, schema, token).ConfigureAwait(false);
                    var estimated = answer.PromptTokens is null || answer.CompletionTokens is null;
                    Report(call, "ok", answer.PromptTokens ?? _profile.EstimateTokens(prompt.Length), answer.CompletionTokens ?? _profile.EstimateTokens(answer.Content.Length), estimated);
                    return answer;
                }
                catch (ClientResultException ex) when (ex.Status == 400)
                {
                    Report(call, "http_400", 0, 0, false);
                    var body = CallRetryPolicy.Body(ex);
                    _raw?.WriteError(call.Request.BatchIndex, call.Kind, call.PromptId, 400, body);
                    var error = BadRequest.Read(body);
                    if (error.Kind == BadRequestKind.ContentFilter) throw new ContentFilteredException(CallRetryPolicy.BodyExcerpt(ex));
                    if (adaptations >= MaxAdaptations || !_profile.Adapt(error, shape, prompt.Length)) throw;
                }
                catch (Exception ex)
                {
                    ReportFailure(call, ex, prompt.Length, shape, cancellationToken);
                    throw;
                }
            }
        }, retried, cancellationToken);

    /// <summary>
    /// A failed attempt as billed: an HTTP error status is not billed (0 tokens); a timeout, a broken
    /// connection or a cut body may have been, so the prompt's tokens and the whole completion budget are
    /// counted, marked estimated (the budget must never undercount).
    /// </summary>
    private void ReportFailure(Call call, Exception ex, int promptChars, RequestShape shape, CancellationToken cancellationToken)
    {
        var outcome = ex switch
        {
            ClientResultException { Status: > 0 } c => $"http_{c.Status}",
            ClientResultException => "transport",
            OperationCanceledException when cancellationToken.IsCancellationRequested => "cancelled",
            OperationCanceledException => "timeout",
            HttpRequestException or IOException => "transport",
            _ => "malformed_response",
        };
        if (ex is ClientResultException { Status: > 0 }) Report(call, outcome, 0, 0, false);
        else Report(call, outcome, _profile.EstimateTokens(promptChars), shape.MaxOutputTokens ?? 0, true);
    }

    private static void Report(Call call, string outcome, int promptTokens, int completionTokens, bool estimated) =>
        call.Request.Usage?.Record(new CallUsage(call.Request.BatchIndex, call.Kind, outcome, promptTokens, completionTokens, estimated));

    /// <summary>Which request a call serves, for the usage sink and --keep-raw.</summary>
    private sealed record Call(GenerationRequest Request, string Kind, string PromptId);

    private async Task<List<CandidateSample>> VerifyAsync(GenerationRequest request,
        List<CandidateSample> samples, Dictionary<string, int> rejected, Dictionary<string, int> retried, CancellationToken cancellationToken)
    {
        var prompt = _builder.BuildVerify(samples);
        var verdicts = new Dictionary<int, JsonObject>();
        try
        {
            // The verdicts ride in a ParsedAnswer's "samples" slot only to reuse AskAsync's ask-again rule.
            await AskAsync(new Call(request, "verify", _builder.Prompts.Verify.Info.Id), prompt, AnswerSchemas.VerifyName, _verifySchema,
                answer => ReadVerdicts(answer, verdicts), retried, cancellationToken).ConfigureAwait(false);
        }
        catch (ContentFilteredException)
        {
            Add(rejected, DropReasons.VerifyMalformed, samples.Count);
            return new List<CandidateSample>();
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
        return kept;
    }

    /// <summary>Fills <paramref name="verdicts"/> by sentence index; an answer with none reads as malformed (asked once more).</summary>
    private static ParsedAnswer ReadVerdicts(ChatAnswer answer, Dictionary<int, JsonObject> verdicts)
    {
        verdicts.Clear();
        var root = JsonExtractor.FirstJson(ReasoningPreamble.Strip(answer.Content));
        var items = root switch { JsonArray a => a, JsonObject o when o["sentences"] is JsonArray a => a, _ => null };
        for (var i = 0; items is not null && i < items.Count; i++)
        {
            if (items[i] is not JsonObject v) continue;
            var index = v["index"] is JsonValue iv && iv.TryGetValue(out int n) ? n : i;
            verdicts.TryAdd(index, v);
        }
        return verdicts.Count > 0
            ? new ParsedAnswer([new CandidateSample("verdicts", [], [])], new Dictionary<string, int>())
            : new ParsedAnswer([], new Dictionary<string, int> { [DropReasons.MalformedJson] = 1 });
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
