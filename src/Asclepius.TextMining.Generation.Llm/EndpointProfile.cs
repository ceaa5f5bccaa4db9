using System.Globalization;

namespace Asclepius.TextMining.Generation.Llm;

/// <summary>
/// What the endpoint has been found to accept, shared by every call of a run: a 400 that names a
/// parameter changes the shape of all later requests (no temperature for reasoning models,
/// max_completion_tokens instead of max_tokens, a lower response format, a completion budget fitted to
/// the context limit the error states). Each change is logged once, when it happens, and shown in run.json.
/// Thread-safe.
/// </summary>
public sealed class EndpointProfile
{
    public const string MaxTokens = "max_tokens";
    public const string MaxCompletionTokens = "max_completion_tokens";

    /// <summary>Tokens kept free between prompt and context limit (estimates of the prompt's tokens are rough).</summary>
    private const int Margin = 64;

    /// <summary>A completion budget below this cannot hold a batch of sentences: the context is too small for the prompt.</summary>
    public const int MinOutputTokens = 256;

    private readonly object _gate = new();
    private readonly Action<string>? _log;
    private readonly float? _temperature;
    private bool _sendTemperature;
    private string _tokenParameter;
    private ResponseFormatLevel _format;
    private int? _maxOutputTokens;
    private int? _contextLimit;
    private double _tokensPerChar = 1 / 3.0; // conservative for English prose (about 4 characters a token)

    public EndpointProfile(LlmProviderOptions options)
    {
        _log = options.Log;
        _temperature = options.Temperature;
        _sendTemperature = options.Temperature is not null;
        // Azure.AI.OpenAI 2.1.0 sent max_tokens to Azure and the OpenAI SDK max_completion_tokens elsewhere: the same defaults.
        _tokenParameter = options.Kind == ProviderKind.Azure ? MaxTokens : MaxCompletionTokens;
        _format = options.ResponseFormat;
        _maxOutputTokens = options.MaxOutputTokens;
    }

    public ResponseFormatLevel ResponseFormat { get { lock (_gate) return _format; } }

    /// <summary>The shape of the next request for a prompt of <paramref name="promptChars"/> characters.</summary>
    public RequestShape Shape(int promptChars)
    {
        lock (_gate)
        {
            var budget = _maxOutputTokens;
            if (_contextLimit is { } limit)
            {
                var fit = limit - EstimateTokens(promptChars) - Margin;
                budget = budget is { } b ? Math.Min(b, fit) : fit;
            }
            return new RequestShape(_format, _sendTemperature ? _temperature : null, _tokenParameter, budget);
        }
    }

    /// <summary>The prompt's tokens as estimated from its length (the ratio a context error stated, else 3 characters a token).</summary>
    public int EstimateTokens(int chars)
    {
        lock (_gate) return (int)Math.Ceiling(chars * _tokensPerChar);
    }

    /// <summary>
    /// Changes what a 400 asks to change. False when there is nothing left to change for it (the
    /// request that failed was already in the asked shape, or the context cannot hold the prompt):
    /// then the 400 stands.
    /// </summary>
    public bool Adapt(BadRequest error, RequestShape sent, int promptChars)
    {
        lock (_gate)
        {
            switch (error.Kind)
            {
                case BadRequestKind.Temperature when sent.Temperature is not null:
                    if (_sendTemperature) { _sendTemperature = false; Log("the endpoint accepts only its default temperature: temperature is no longer sent"); }
                    return true;
                case BadRequestKind.UseMaxCompletionTokens when sent.TokenParameter == MaxTokens:
                    if (_tokenParameter == MaxTokens) { _tokenParameter = MaxCompletionTokens; Log("the endpoint rejects max_tokens: the completion budget is sent as max_completion_tokens"); }
                    return true;
                case BadRequestKind.UseMaxTokens when sent.TokenParameter == MaxCompletionTokens:
                    if (_tokenParameter == MaxCompletionTokens) { _tokenParameter = MaxTokens; Log("the endpoint does not know max_completion_tokens: the completion budget is sent as max_tokens"); }
                    return true;
                case BadRequestKind.ResponseFormat when sent.Format != ResponseFormatLevel.Text:
                    if (_format == sent.Format)
                    {
                        _format = sent.Format + 1;
                        Log($"the endpoint rejects response_format {Name(sent.Format)}: asking with {Name(_format)} from now on");
                    }
                    return true;
                case BadRequestKind.ContextLength:
                    return FitContext(error, sent, promptChars);
                default:
                    return false;
            }
        }
    }

    private bool FitContext(BadRequest error, RequestShape sent, int promptChars)
    {
        if (error.PromptTokens is { } p && promptChars > 0) _tokensPerChar = Math.Max(_tokensPerChar, p / (double)promptChars);
        if (error.ContextLimit is { } limit)
        {
            _contextLimit = _contextLimit is { } known ? Math.Min(known, limit) : limit;
        }
        else if (sent.MaxOutputTokens is { } used)
        {
            _maxOutputTokens = used / 2; // the limit was not stated: halve the budget and try again
        }
        else
        {
            return false;
        }
        var next = Shape(promptChars).MaxOutputTokens;
        if (next is null || next < MinOutputTokens || (sent.MaxOutputTokens is { } before && next >= before)) return false;
        Log(string.Create(CultureInfo.InvariantCulture,
            $"the endpoint's context is {(_contextLimit is { } c ? c.ToString(CultureInfo.InvariantCulture) : "smaller than asked")} tokens: the completion budget is fitted to it ({next} tokens for this prompt)"));
        return true;
    }

    /// <summary>What run.json's "generator" shows about the endpoint.</summary>
    public IReadOnlyDictionary<string, string> Details()
    {
        lock (_gate)
        {
            var d = new Dictionary<string, string>
            {
                ["response_format"] = Name(_format),
                ["token_parameter"] = _tokenParameter,
            };
            if (_temperature is { } t) d["temperature"] = _sendTemperature ? t.ToString(CultureInfo.InvariantCulture) : "endpoint default (rejected " + t.ToString(CultureInfo.InvariantCulture) + ")";
            if (_maxOutputTokens is { } m) d["max_output_tokens"] = m.ToString(CultureInfo.InvariantCulture);
            if (_contextLimit is { } c) d["context_limit"] = c.ToString(CultureInfo.InvariantCulture);
            return d;
        }
    }

    public static string Name(ResponseFormatLevel level) => level switch
    {
        ResponseFormatLevel.JsonSchema => "json_schema",
        ResponseFormatLevel.JsonObject => "json_object",
        _ => "text",
    };

    private void Log(string message) => _log?.Invoke(message);
}
