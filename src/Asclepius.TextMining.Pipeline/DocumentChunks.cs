namespace Asclepius.TextMining.Pipeline;

/// <summary>
/// Cuts a lazily read sequence into consecutive chunks bounded by a total size (characters) and a count,
/// in input order, so a batch recognizer sees several documents at once while a streaming run still holds
/// only a few chunks in memory. A single item larger than the bound is a chunk of its own.
/// </summary>
public static class DocumentChunks
{
    /// <summary>Characters per chunk: enough sentences for full length-sorted batches, little memory.</summary>
    public const int DefaultMaxChars = 64_000;
    public const int DefaultMaxCount = 128;

    public static IEnumerable<T[]> Split<T>(IEnumerable<T> source, Func<T, int> size, int maxChars = DefaultMaxChars, int maxCount = DefaultMaxCount)
    {
        var chunk = new List<T>();
        long chars = 0;
        foreach (var item in source)
        {
            var n = size(item);
            if (chunk.Count > 0 && (chars + n > maxChars || chunk.Count >= maxCount))
            {
                yield return chunk.ToArray();
                chunk.Clear();
                chars = 0;
            }
            chunk.Add(item);
            chars += n;
        }
        if (chunk.Count > 0) yield return chunk.ToArray();
    }
}
