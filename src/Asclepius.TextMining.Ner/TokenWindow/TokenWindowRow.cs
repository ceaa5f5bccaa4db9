using Microsoft.ML.Data;

namespace Asclepius.TextMining.Ner.TokenWindow;

/// <summary>
/// One token as ML.NET sees it: a sparse hashed feature vector and the tag index as a key. Note: for a
/// uint member declared as a key column, LoadFromEnumerable takes the value as the 0-based index (it
/// stores value + 1 internally, 0 meaning missing), so Label is the plain tag index.
/// </summary>
internal sealed class TokenWindowRow
{
    public uint Label { get; set; }
    public VBuffer<float> Features { get; set; }
}
