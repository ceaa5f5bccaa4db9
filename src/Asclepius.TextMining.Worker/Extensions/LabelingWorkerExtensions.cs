using Asclepius.TextMining.Worker.Labeling;
using Asclepius.TextMining.Worker.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Asclepius.TextMining.Worker.Extensions;

public static class LabelingWorkerExtensions
{
    /// <summary>The labeling loop (section "Worker"); the host waits StopGrace plus a margin on SIGTERM.</summary>
    public static IHostApplicationBuilder AddLabelingWorker(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WorkerOptions>().BindConfiguration(WorkerOptions.Section)
            .Validate(o => o.Parallelism >= 0, "Worker:Parallelism must be 0 (one per core) or more")
            .ValidateOnStart();
        var grace = builder.Configuration.GetSection(WorkerOptions.Section).GetValue<TimeSpan?>(nameof(WorkerOptions.StopGrace)) ?? new WorkerOptions().StopGrace;
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = grace + TimeSpan.FromSeconds(10));
        builder.Services.AddHostedService<LabelingWorker>();
        return builder;
    }
}
