using Asclepius.TextMining.Worker.Extensions;

return WorkerProgram.Run(args, builder =>
{
    builder.AddShippedSettings();
    builder.AddLabelingModel();
    builder.AddNoteSource();
    builder.AddLabelSink();
    builder.AddLabelingWorker();
    builder.AddHealthEndpoint();
});
