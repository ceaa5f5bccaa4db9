using Asclepius.TextMining.Worker.Extensions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Asclepius.TextMining.Worker.Tests.Support;

/// <summary>The worker's host wired exactly as Program.cs does, in-process, with settings and log capture from the test.</summary>
public static class WorkerHost
{
    public static IHost Build(string contentRoot, IDictionary<string, string?> settings, ILoggerProvider logs)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = contentRoot, Args = [] });
        builder.AddShippedSettings();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Logging.AddProvider(logs);
        builder.AddLabelingModel();
        builder.AddNoteSource();
        builder.AddLabelSink();
        builder.AddLabelingWorker();
        builder.AddHealthEndpoint();
        return builder.Build();
    }

    public static T Get<T>(this IHost host) where T : notnull => host.Services.GetRequiredService<T>();

    /// <summary>Polls <paramref name="condition"/> until true; fails the test after <paramref name="timeout"/>.</summary>
    public static async Task Until(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var until = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"timed out waiting for {what}");
            await Task.Delay(100);
        }
    }
}
