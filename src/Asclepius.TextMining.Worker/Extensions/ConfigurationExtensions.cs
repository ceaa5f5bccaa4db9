using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Asclepius.TextMining.Worker.Extensions;

public static class ConfigurationExtensions
{
    /// <summary>
    /// Also reads the appsettings.json shipped beside the program, below the working directory's own one:
    /// `dotnet run --project src/Asclepius.TextMining.Worker` runs in the caller's directory, and the
    /// project's settings should still apply there. Environment variables and the command line still win.
    /// </summary>
    public static IHostApplicationBuilder AddShippedSettings(this IHostApplicationBuilder builder)
    {
        var sources = ((IConfigurationBuilder)builder.Configuration).Sources;
        var local = sources.OfType<JsonConfigurationSource>().FirstOrDefault(s => s.Path == "appsettings.json");
        var index = local is null ? 0 : sources.IndexOf(local);
        var shipped = new JsonConfigurationSource
        {
            Path = "appsettings.json",
            Optional = true,
            ReloadOnChange = false,
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
        };
        sources.Insert(index, shipped);
        return builder;
    }
}
