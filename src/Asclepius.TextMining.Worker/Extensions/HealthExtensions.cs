using Asclepius.TextMining.Worker.Health;
using Asclepius.TextMining.Worker.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Asclepius.TextMining.Worker.Extensions;

public static class HealthExtensions
{
    /// <summary>GET /healthz on 127.0.0.1:Health:Port (off when the port is 0, the default).</summary>
    public static IHostApplicationBuilder AddHealthEndpoint(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.Section)
            .Validate(o => o.Port is >= 0 and <= 65535, "Health:Port must be 0 (off) or a TCP port")
            .ValidateOnStart();
        builder.Services.AddHostedService<HealthEndpoint>();
        return builder;
    }
}
