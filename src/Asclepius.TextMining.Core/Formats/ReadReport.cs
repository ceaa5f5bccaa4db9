using System.Collections.Concurrent;

namespace Asclepius.TextMining.Core.Formats;

/// <summary>What a read skipped and why (lenient mode), plus things worth telling that are not errors.</summary>
public sealed class ReadReport
{
    private readonly ConcurrentQueue<ReadProblem> _problems = new();
    private readonly ConcurrentDictionary<string, int> _notes = new();

    public IReadOnlyCollection<ReadProblem> Problems => _problems;

    /// <summary>Counted observations, e.g. "brat: discontinuous span" → 3, "brat: unknown line type 'E'" → 1.</summary>
    public IReadOnlyDictionary<string, int> Notes => _notes;

    public void Add(ReadProblem problem) => _problems.Enqueue(problem);

    public void Count(string note, int by = 1) => _notes.AddOrUpdate(note, by, (_, n) => n + by);
}
