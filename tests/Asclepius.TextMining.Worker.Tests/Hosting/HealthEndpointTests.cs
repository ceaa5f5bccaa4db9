using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Asclepius.TextMining.Pipeline.Storage;
using Asclepius.TextMining.TestKit;
using Asclepius.TextMining.Worker.Model;
using Asclepius.TextMining.Worker.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;

namespace Asclepius.TextMining.Worker.Tests.Hosting;

public sealed class HealthEndpointTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("atm-health-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, true);
    }

    [Fact]
    public async Task Healthz_on_loopback_reports_the_model_and_counts()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var host = WorkerHost.Build(_dir, new Dictionary<string, string?>
        {
            ["Model:Package"] = TestPackages.Dictionary(Path.Combine(_dir, "m.zip")),
            ["Source:ConnectionString"] = $"Data Source={Path.Combine(_dir, "w.db")}",
            ["Health:Port"] = port.ToString(),
        }, new CapturingLoggerProvider());
        await host.StartAsync();
        await host.Get<ModelProvider>().WaitAsync(default);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        HttpResponseMessage? response = null;
        await WorkerHost.Until(async () =>
        {
            try { response = await http.GetAsync("/healthz"); return true; }
            catch (HttpRequestException) { return false; }
        }, TimeSpan.FromSeconds(10), "the health endpoint");
        response!.StatusCode.Should().Be(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        json.RootElement.GetProperty("status").GetString().Should().Be("ok");
        json.RootElement.GetProperty("model").GetString().Should().StartWith("test-dictionary ");
        (await http.GetAsync("/other")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        // The queue: a labeled note counts as done; a note another worker holds shows with its holder and age.
        var model = json.RootElement.GetProperty("model").GetString()!;
        var store = new SqliteNoteStore(Path.Combine(_dir, "w.db"));
        store.AddNotes([("n1", "Denies chest pain."), ("n2", "held elsewhere")]);
        using (var db = new SqliteConnection($"Data Source={Path.Combine(_dir, "w.db")}"))
        {
            db.Open();
            using var cmd = db.CreateCommand();
            cmd.CommandText = "INSERT INTO note_status (note_id, nlp_system, state, attempts, leased_by, lease_until) VALUES ('n2', $sys, 'leased', 1, 'ghost-worker', $until)";
            cmd.Parameters.AddWithValue("$sys", model);
            cmd.Parameters.AddWithValue("$until", DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds());
            cmd.ExecuteNonQuery();
        }
        await WorkerHost.Until(() => Task.FromResult(store.Count(model).Done == 1), TimeSpan.FromSeconds(20), "the note to be labeled");
        using var queue = JsonDocument.Parse(await http.GetStringAsync("/healthz"));
        var q = queue.RootElement.GetProperty("queue");
        q.GetProperty("done").GetInt64().Should().Be(1);
        q.GetProperty("leased").GetInt64().Should().Be(1);
        q.GetProperty("pending").GetInt64().Should().Be(0);
        q.GetProperty("parked").GetInt64().Should().Be(0);
        var lease = q.GetProperty("leases").EnumerateArray().Single();
        lease.GetProperty("worker").GetString().Should().Be("ghost-worker");
        lease.GetProperty("notes").GetInt64().Should().Be(1);
        lease.GetProperty("oldest_age_s").GetInt64().Should().BeGreaterThanOrEqualTo(0);
        await host.StopAsync();
    }
}
