using Asclepius.TextMining.TestKit;
using Asclepius.TextMining.Worker.Model;
using Asclepius.TextMining.Worker.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;

namespace Asclepius.TextMining.Worker.Tests.Hosting;

/// <summary>Hot reload: a new package that verifies replaces the model; a broken one is refused and the old model stays.</summary>
public sealed class ModelReloadTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("atm-reload-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, true);
    }

    [Fact]
    public async Task A_changed_package_is_swapped_in_and_a_broken_one_keeps_the_old()
    {
        var models = Path.Combine(_dir, "models");
        Directory.CreateDirectory(models);
        var path = TestPackages.Dictionary(Path.Combine(models, "current.zip"), "first");
        var logs = new CapturingLoggerProvider();
        using var host = WorkerHost.Build(_dir, new Dictionary<string, string?>
        {
            ["Model:Package"] = path,
            ["Model:ReloadDebounce"] = "00:00:00.200",
            ["Model:PollInterval"] = "00:00:01",
            ["Source:ConnectionString"] = $"Data Source={Path.Combine(_dir, "w.db")}",
        }, logs);
        await host.StartAsync();
        var provider = host.Get<ModelProvider>();
        (await provider.WaitAsync(default)).ModelIdentity.Should().StartWith("first ");

        // Written as the package builder writes: a temporary file moved over the old one.
        TestPackages.Dictionary(Path.Combine(models, "next.tmp"), "second", [("asthma", "Disease")]);
        File.Move(Path.Combine(models, "next.tmp"), path, overwrite: true);
        await WorkerHost.Until(() => Task.FromResult(provider.Current!.ModelIdentity.StartsWith("second ")), TimeSpan.FromSeconds(15), "the new model");
        logs.Entries.Should().Contain(e => e.EventId == 1004);

        File.WriteAllText(path, "PK this is not a model");
        await WorkerHost.Until(() => Task.FromResult(logs.Entries.Any(e => e.EventId == 1002)), TimeSpan.FromSeconds(15), "the refusal");
        provider.Current!.ModelIdentity.Should().StartWith("second ");
        await host.StopAsync();
    }

    [Fact]
    public async Task Model_Device_cuda_without_cuda_refuses_the_package_with_ATM402_in_the_log()
    {
        if (TorchSharp.torch.cuda.is_available()) return; // this check is about machines without CUDA
        var path = TestPackages.Dictionary(Path.Combine(_dir, "m.zip"), "first");
        var logs = new CapturingLoggerProvider();
        using var host = WorkerHost.Build(_dir, new Dictionary<string, string?>
        {
            ["Model:Package"] = path,
            ["Model:Device"] = "cuda",
            ["Model:PollInterval"] = "00:00:01",
            ["Source:ConnectionString"] = $"Data Source={Path.Combine(_dir, "w.db")}",
        }, logs);
        await host.StartAsync();
        await WorkerHost.Until(() => Task.FromResult(logs.Entries.Any(e => e.EventId == 1002)), TimeSpan.FromSeconds(15), "the refusal");
        logs.Entries.Should().Contain(e => e.EventId == 1002 && e.Text.Contains("ATM402"));
        host.Get<ModelProvider>().Current.Should().BeNull();
        await host.StopAsync();
    }

    [Fact]
    public async Task An_unknown_Model_Device_fails_at_start()
    {
        using var host = WorkerHost.Build(_dir, new Dictionary<string, string?>
        {
            ["Model:Package"] = Path.Combine(_dir, "m.zip"),
            ["Model:Device"] = "gpu",
            ["Source:ConnectionString"] = $"Data Source={Path.Combine(_dir, "w.db")}",
        }, new CapturingLoggerProvider());
        var start = () => host.StartAsync();
        (await start.Should().ThrowAsync<Microsoft.Extensions.Options.OptionsValidationException>())
            .Which.Message.Should().Contain("Model:Device");
    }
}
