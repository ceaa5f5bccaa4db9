using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Asclepius.TextMining.Generation.Llm.Tests.Fakes;

/// <summary>
/// An OpenAI-compatible server on 127.0.0.1 (a random port) playing both routes the providers call:
/// POST /v1/chat/completions (openai) and POST /openai/deployments/{d}/chat/completions?api-version=…
/// (azure). Replies are scripted: queued replies are used first, in request order; then
/// <see cref="Default"/> answers. Every request is recorded.
/// </summary>
public sealed class FakeLlmServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeReply> _script = new();

    private FakeLlmServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public Uri OpenAIEndpoint => new(BaseAddress, "/v1");

    public Uri AzureEndpoint => BaseAddress;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>The reply when the script is empty; by default, good answers from <see cref="FakeAnswers"/>.</summary>
    public Func<RecordedRequest, FakeReply> Default { get; set; } = FakeAnswers.Good;

    public void Enqueue(params FakeReply[] replies)
    {
        foreach (var r in replies) _script.Enqueue(r);
    }

    public static async Task<FakeLlmServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeLlmServer? server = null;
        app.MapPost("/v1/chat/completions", (HttpContext ctx) => server!.HandleAsync(ctx, "openai"));
        app.MapPost("/openai/deployments/{deployment}/chat/completions", (HttpContext ctx) => server!.HandleAsync(ctx, "azure"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new FakeLlmServer(app, new Uri(address.EndsWith('/') ? address : address + "/"));
        return server;
    }

    private async Task HandleAsync(HttpContext context, string route)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var request = new RecordedRequest(route, context.Request.Path, context.Request.QueryString.Value ?? "",
            context.Request.Headers["api-key"].FirstOrDefault(), context.Request.Headers.Authorization.FirstOrDefault(), body, DateTimeOffset.UtcNow);
        Requests.Enqueue(request);
        var reply = _script.TryDequeue(out var scripted) ? scripted : Default(request);
        await reply.WriteAsync(context);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
