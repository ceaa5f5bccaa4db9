namespace Asclepius.TextMining.Ner.TokenWindow;

/// <summary>
/// The hashed feature indices of one sentence, flat: token t's features are
/// Indices[Starts[t] .. Starts[t + 1]). An index may repeat (a hash collision inside one token): it then
/// counts twice, in training and in scoring alike. Reused between sentences by one thread.
/// </summary>
internal sealed class FeatureBuffer
{
    public int[] Indices = new int[4096];
    public int[] Starts = new int[257];
    public int Tokens;
    private int _count;

    public void Reset(int tokens)
    {
        Tokens = tokens;
        _count = 0;
        if (Starts.Length < tokens + 1) Starts = new int[Math.Max(tokens + 1, Starts.Length * 2)];
    }

    public void BeginToken(int t) => Starts[t] = _count;

    public void EndSentence() => Starts[Tokens] = _count;

    public void Add(int index)
    {
        if (_count == Indices.Length) Array.Resize(ref Indices, Indices.Length * 2);
        Indices[_count++] = index;
    }

    public ReadOnlySpan<int> Of(int t) => Indices.AsSpan(Starts[t], Starts[t + 1] - Starts[t]);
}
