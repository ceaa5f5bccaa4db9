using Asclepius.TextMining.TestKit;
using Asclepius.TextMining.Worker.Tests.Support;

namespace Asclepius.TextMining.Worker.Tests.Hosting;

/// <summary>
/// Settings an operator gets wrong and SQLite files that cannot be used: the worker process logs the
/// documented event and exits 1, never aborts with an unhandled exception (exit 134, stack trace).
/// </summary>
[Trait("Category", "Integration")]
public sealed class StartupFailureTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("atm-start-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private (int Code, string Output) RunWorker(Dictionary<string, string> settings)
    {
        settings.TryAdd("Model__Package", TestPackages.Dictionary(Path.Combine(_dir, "m.zip")));
        settings.TryAdd("Source__ConnectionString", $"Data Source={Path.Combine(_dir, "w.db")}");
        settings.TryAdd("Worker__ExitWhenIdle", "true");
        using var worker = new WorkerProcess(_dir, settings);
        worker.WaitForExit(TimeSpan.FromSeconds(60)).Should().BeTrue("the worker must stop on its own");
        return (worker.ExitCode, worker.Output);
    }

    [Theory]
    [InlineData("Worker__Parallelism", "-1", "Worker:Parallelism")]
    [InlineData("Source__BatchSize", "0", "Source:BatchSize")]
    [InlineData("Worker__StopGrace", "soon", "StopGrace")]
    [InlineData("Source__Kind", "Oracle", "Source:Kind")]
    [InlineData("Omop__SnippetRadius", "999", "Omop:SnippetRadius")]
    [InlineData("Source__WorkSchema", "x; DROP TABLE note", "WorkSchema")]
    public void Invalid_settings_end_as_event_1005_and_exit_1(string key, string value, string named)
    {
        var (code, output) = RunWorker(new Dictionary<string, string> { [key] = value });
        code.Should().Be(1, output);
        output.Should().Contain("[1005]").And.Contain(named);
        output.Should().NotContain("Unhandled exception").And.NotContain("   at ");
    }

    [Fact]
    public void A_file_that_is_not_sqlite_ends_as_event_1022_and_exit_1()
    {
        var path = Path.Combine(_dir, "notes.db");
        File.WriteAllBytes(path, Enumerable.Range(0, 8192).Select(i => (byte)(i * 31 % 251)).ToArray());
        var (code, output) = RunWorker(new() { ["Source__ConnectionString"] = $"Data Source={path}" });
        code.Should().Be(1, output);
        output.Should().Contain("[1022]").And.NotContain("Unhandled exception").And.NotContain("   at ");
    }

    [Fact]
    public void A_sqlite_path_below_a_file_ends_as_event_1022_and_exit_1()
    {
        var blocker = Path.Combine(_dir, "plain-file");
        File.WriteAllText(blocker, "x");
        var (code, output) = RunWorker(new() { ["Source__ConnectionString"] = $"Data Source={Path.Combine(blocker, "sub", "w.db")}" });
        code.Should().Be(1, output);
        output.Should().Contain("[1022]").And.NotContain("Unhandled exception").And.NotContain("   at ");
    }
}
