using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Worker.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Asclepius.TextMining.Worker.Extensions;

/// <summary>
/// Builds and runs the worker's host. Settings that do not bind or validate, and a note store that cannot
/// be set up, end as event 1005 and exit code 1, never as an unhandled exception (exit 134, stack trace).
/// </summary>
public static class WorkerProgram
{
    public static int Run(string[] args, Action<IHostApplicationBuilder> configure)
    {
        var builder = Host.CreateApplicationBuilder(args);
        IHost? host = null;
        var running = false;
        try
        {
            configure(builder);
            host = builder.Build();
            // Bind and validate every section, and build the services, before the host starts: a failure here is
            // reported once, as event 1005, instead of the host's "failed to start" with a stack trace.
            host.Services.GetService<IAsyncStartupValidator>()?.ValidateAsync(CancellationToken.None).GetAwaiter().GetResult();
            _ = host.Services.GetServices<IHostedService>().ToArray();
            running = true;
            host.Run();
            return Environment.ExitCode;
        }
        catch (Exception ex) when (ex is OptionsValidationException or InvalidOperationException or TextMiningException or ArgumentException or FormatException)
        {
            using var fallback = host is null || running ? LoggerFactory.Create(b => b.AddConfiguration(builder.Configuration.GetSection("Logging")).AddConsole()) : null;
            var factory = fallback ?? host!.Services.GetRequiredService<ILoggerFactory>();
            var code = ex is TextMiningException tm ? tm.Code : "settings";
            var reason = ex is TextMiningException t ? t.Reason : ex is OptionsValidationException v ? string.Join("; ", v.Failures) : $"{ex.GetType().Name}: {ex.Message}";
            Log.ConfigurationRefused(factory.CreateLogger("Asclepius.TextMining.Worker"), code, reason);
            return 1;
        }
        finally
        {
            host?.Dispose();
        }
    }
}
