using Asclepius.TextMining.Pipeline.Storage;

namespace Asclepius.TextMining.Worker.Sources;

/// <summary>Notes claimed together for one model version. <see cref="Tag"/> is the source's own bookkeeping (e.g. the file they came from).</summary>
public sealed record NoteBatch(string NlpSystem, IReadOnlyList<ClaimedNote> Notes, object? Tag = null)
{
    public static NoteBatch Empty(string nlpSystem) => new(nlpSystem, Array.Empty<ClaimedNote>());
}
