using Microsoft.ML.Data;

namespace Asclepius.TextMining.Ner.TokenWindow;

/// <summary>One token as ML.NET sees it: a sparse hashed feature vector and the tag as a key (1-based; 0 is missing).</summary>
internal sealed class TokenWindowRow
{
    public uint Label { get; set; }
    public VBuffer<float> Features { get; set; }
}
