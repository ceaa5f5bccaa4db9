using Asclepius.TextMining.Core.Documents;

namespace Asclepius.TextMining.Pipeline.Outputs;

/// <summary>
/// Where a label run writes labeled notes. Resumable: <see cref="Done"/> holds the ids already written by
/// the same model, which the run skips. <see cref="Write"/> buffers; <see cref="Commit"/> makes everything
/// written so far durable and recorded, so a crash loses at most the notes since the last commit (they are
/// labeled again on the rerun, never duplicated).
/// </summary>
public interface ILabelWriter : IDisposable
{
    string Format { get; }

    IReadOnlySet<string> Done { get; }

    void Write(AnnotatedDocument document);

    void Commit();
}
