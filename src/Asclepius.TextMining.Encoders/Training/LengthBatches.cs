namespace Asclepius.TextMining.Encoders.Training;

/// <summary>Mini-batches of similar length in a different order every epoch, drawn from a seeded <see cref="Random"/>.</summary>
public static class LengthBatches
{
    /// <summary>
    /// Shuffle, then sort by length (ties stay shuffled), cut into batches, shuffle the batch order: little padding,
    /// and different batch-mates every epoch.
    /// </summary>
    public static List<T[]> Make<T>(IReadOnlyList<T> items, Func<T, int> length, int batchSize, Random random)
    {
        var order = Enumerable.Range(0, items.Count).ToArray();
        random.Shuffle(order);
        var sorted = order.OrderBy(i => length(items[i])).ToArray();
        var batches = new List<T[]>();
        for (var i = 0; i < sorted.Length; i += batchSize)
            batches.Add(sorted.Skip(i).Take(batchSize).Select(j => items[j]).ToArray());
        var batchOrder = batches.ToArray();
        random.Shuffle(batchOrder);
        return batchOrder.ToList();
    }
}
