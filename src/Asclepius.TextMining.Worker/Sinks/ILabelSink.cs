using Asclepius.TextMining.Core.Documents;

namespace Asclepius.TextMining.Worker.Sinks;

/// <summary>Where the worker writes labeled notes. Database sinks replace a note's earlier rows of the same model version, so writing twice is harmless.</summary>
public interface ILabelSink
{
    string Describe { get; }

    Task StartAsync(CancellationToken cancellationToken);

    Task WriteAsync(string nlpSystem, IReadOnlyList<AnnotatedDocument> labeled, CancellationToken cancellationToken);
}
