using System.Net;
using System.Text.Json;
using Asclepius.TextMining.Pipeline.Storage;
using Asclepius.TextMining.Worker.Labeling;
using Asclepius.TextMining.Worker.Logging;
using Asclepius.TextMining.Worker.Options;
using Asclepius.TextMining.Worker.Sources;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Asclepius.TextMining.Worker.Health;

/// <summary>
/// GET http://127.0.0.1:PORT/healthz → 200 {"status":"ok",...} when a model is loaded and the note store
/// answers, else 503 with the same fields. Bound to the loopback address only (HttpListener from the
/// base library: no web framework). Counts and ids only. With a database source it also reports the
/// queue of the current model version: pending, leased (per holder, with the age of the oldest lease and
/// how many have expired: a dead worker's notes), parked and done.
/// </summary>
public sealed class HealthEndpoint(IOptions<HealthOptions> options, WorkerStatus status, INoteSource source, ILogger<HealthEndpoint> logger) : BackgroundService
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
            await RespondAsync(context, stoppingToken);
        }
    }

    private async Task RespondAsync(HttpListenerContext context, CancellationToken stoppingToken)
    {
        using var response = context.Response;
        if (context.Request.Url?.AbsolutePath != "/healthz")
        {
            response.StatusCode = 404;
            return;
        }
        QueueStatus? queue = null;
        if (status.Model is { } model)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(2));
                queue = await source.StatusAsync(model, timeout.Token);
            }
            catch (Exception ex) when (ex is NoteStoreException or OperationCanceledException) { /* store_reachable says the rest */ }
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
            queue = queue is null ? null : new
            {
                nlp_system = queue.NlpSystem,
                pending = queue.Counts.Pending,
                not_queued = queue.Counts.NotQueued,
                leased = queue.Counts.Leased,
                parked = queue.Counts.Parked,
                done = queue.Counts.Done,
                leases = queue.Leases.Select(l => new { worker = l.WorkerId, notes = l.Notes, oldest_age_s = (long)l.OldestAge.TotalSeconds, expired = l.Expired }),
            },
        });
        response.StatusCode = healthy ? 200 : 503;
        response.ContentType = "application/json";
        response.OutputStream.Write(body);
    }
}
