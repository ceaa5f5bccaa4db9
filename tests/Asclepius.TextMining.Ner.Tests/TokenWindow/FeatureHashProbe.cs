using Asclepius.TextMining.Ner.TokenWindow;

namespace Asclepius.TextMining.Ner.Tests.TokenWindow;

/// <summary>Test access to the featurizer's hashing (internal to the Ner assembly).</summary>
internal static class FeatureHashProbe
{
    public static ulong Exact(string text) => FeatureHash.Of(text);
}
