using Asclepius.TextMining.Worker.Extensions;
using Microsoft.Extensions.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.AddShippedSettings();
builder.AddLabelingModel();
builder.AddNoteSource();
builder.AddLabelSink();
builder.AddLabelingWorker();
builder.AddHealthEndpoint();
builder.Build().Run();
