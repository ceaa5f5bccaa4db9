using System.Net;
using System.Text.Json;
using Asclepius.TextMining.Worker.Labeling;
using Asclepius.TextMining.Worker.Logging;
using Asclepius.TextMining.Worker.Options;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Asclepius.TextMining.Worker.Health;

/// <summary>
/// GET http://127.0.0.1:PORT/healthz → 200 {"status":"ok",...} when a model is loaded and the note store
/// answers, else 503 with the same fields. Bound to the loopback address only (HttpListener from the
/// base library: no web framework). Counts and ids only.
/// </summary>
public sealed class HealthEndpoint(IOptions<HealthOptions> options, WorkerStatus status, ILogger<HealthEndpoint> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var port = options.Value.Port;
        if (port <= 0) return;
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        try
        {
            listener.Start();
        }
        catch (Exception ex) when (ex is HttpListenerException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            Log.HealthFailed(logger, port, ex.GetType().Name);
            return;
        }
        Log.HealthListening(logger, port);
        await using var stop = stoppingToken.Register(listener.Stop);
        while (!stoppingToken.IsCancellationRequested)
        {
            HttpListenerContext context;
            try { context = await listener.GetContextAsync(); }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException) { break; }
            Respond(context);
        }
    }

    private void Respond(HttpListenerContext context)
    {
        using var response = context.Response;
        if (context.Request.Url?.AbsolutePath != "/healthz")
        {
            response.StatusCode = 404;
            return;
        }
        var healthy = status.Model is not null && status.StoreReachable;
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            status = healthy ? "ok" : "unhealthy",
            worker = status.WorkerId,
            model = status.Model,
            store_reachable = status.StoreReachable,
            labeled = status.Labeled,
            failed = status.Failed,
            batches = status.Batches,
            last_batch = status.LastBatch,
        });
        response.StatusCode = healthy ? 200 : 503;
        response.ContentType = "application/json";
        response.OutputStream.Write(body);
    }
}
