using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Asclepius.TextMining.Generation.Llm.Tests.Fakes;

/// <summary>One scripted behaviour of <see cref="FakeLlmServer"/>.</summary>
public abstract record FakeReply
{
    public abstract Task WriteAsync(HttpContext context);

    /// <summary>A chat completion whose message content is <paramref name="content"/>.</summary>
    public static FakeReply Answer(string content, string finishReason = "stop", int promptTokens = 100, int completionTokens = 50, string? refusal = null) =>
        new AnswerReply(content, finishReason, promptTokens, completionTokens, refusal);

    public static FakeReply Status(int status, string body = "{\"error\":{\"message\":\"scripted failure\"}}", params (string Name, string Value)[] headers) =>
        new StatusReply(status, body, headers);

    public static FakeReply Slow(TimeSpan delay, FakeReply then) => new SlowReply(delay, then);

    /// <summary>Announces a longer body than it sends, then drops the connection.</summary>
    public static FakeReply TruncatedBody() => new TruncatedReply();

    private sealed record AnswerReply(string Content, string FinishReason, int PromptTokens, int CompletionTokens, string? Refusal) : FakeReply
    {
        public override Task WriteAsync(HttpContext context)
        {
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync(Completion(Content, FinishReason, PromptTokens, CompletionTokens, Refusal));
        }
    }

    private sealed record StatusReply(int Code, string Body, (string Name, string Value)[] Headers) : FakeReply
    {
        public override Task WriteAsync(HttpContext context)
        {
            context.Response.StatusCode = Code;
            foreach (var (n, v) in Headers) context.Response.Headers[n] = v;
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync(Body);
        }
    }

    private sealed record SlowReply(TimeSpan Delay, FakeReply Then) : FakeReply
    {
        public override async Task WriteAsync(HttpContext context)
        {
            try { await Task.Delay(Delay, context.RequestAborted); }
            catch (OperationCanceledException) { return; }
            await Then.WriteAsync(context);
        }
    }

    private sealed record TruncatedReply : FakeReply
    {
        public override async Task WriteAsync(HttpContext context)
        {
            var full = Encoding.UTF8.GetBytes(Completion("{\"sentences\":[]}", "stop", 1, 1, null));
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = full.Length + 500;
            await context.Response.Body.WriteAsync(full.AsMemory(0, full.Length / 2));
            await context.Response.Body.FlushAsync();
            context.Abort();
        }
    }

    public static string Completion(string content, string finishReason, int promptTokens, int completionTokens, string? refusal) =>
        new JsonObject
        {
            ["id"] = "chatcmpl-fake",
            ["object"] = "chat.completion",
            ["created"] = 1_700_000_000,
            ["model"] = "fake-model",
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content, ["refusal"] = refusal },
                ["finish_reason"] = finishReason,
                ["logprobs"] = null,
            }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = promptTokens, ["completion_tokens"] = completionTokens, ["total_tokens"] = promptTokens + completionTokens },
        }.ToJsonString();
}
