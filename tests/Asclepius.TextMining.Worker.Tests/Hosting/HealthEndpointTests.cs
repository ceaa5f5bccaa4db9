using System.Net;
using System.Net.Sockets;
using System.Text.Json;
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
        await host.StopAsync();
    }
}
