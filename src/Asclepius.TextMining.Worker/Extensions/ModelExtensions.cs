using Asclepius.TextMining.Encoders.Torch;
using Asclepius.TextMining.Ner.BiLstmCrf;
using Asclepius.TextMining.Worker.Labeling;
using Asclepius.TextMining.Worker.Model;
using Asclepius.TextMining.Worker.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Asclepius.TextMining.Worker.Extensions;

public static class ModelExtensions
{
    /// <summary>The model package (section "Model"), loaded at start and reloaded when the file changes.</summary>
    public static IHostApplicationBuilder AddLabelingModel(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ModelOptions>().BindConfiguration(ModelOptions.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Package), "Model:Package must name a model package file")
            .Validate(o => TorchDevices.IsValidName(o.Device), "Model:Device must be cpu, cuda or cuda:N")
            .ValidateOnStart();
        builder.Services.AddSingleton<WorkerStatus>();
        builder.Services.AddSingleton<ModelProvider>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ModelProvider>());
        return builder;
    }
}
