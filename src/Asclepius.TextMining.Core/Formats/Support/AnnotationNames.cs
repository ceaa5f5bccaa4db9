using Asclepius.TextMining.Core.Documents;

namespace Asclepius.TextMining.Core.Formats.Support;

/// <summary>The spelled-out names of assertion flags and sources used in files ("negated", "gold", ...).</summary>
internal static class AnnotationNames
{
    public static readonly (Assertions Flag, string Name)[] AssertionNames =
    [
        (Assertions.Negated, "negated"),
        (Assertions.Uncertain, "uncertain"),
        (Assertions.Historical, "historical"),
        (Assertions.Hypothetical, "hypothetical"),
        (Assertions.Family, "family"),
    ];

    public static string AllowedAssertions => string.Join(", ", AssertionNames.Select(a => a.Name));

    public static bool TryParseAssertion(string name, out Assertions flag)
    {
        foreach (var (f, n) in AssertionNames)
        {
            if (string.Equals(n, name, StringComparison.OrdinalIgnoreCase)) { flag = f; return true; }
        }
        flag = Assertions.None;
        return false;
    }

    public static IEnumerable<string> Names(Assertions assertions)
    {
        foreach (var (f, n) in AssertionNames) if ((assertions & f) != 0) yield return n;
    }

    public static bool TryParseSource(string name, out AnnotationSource source)
    {
        switch (name.ToLowerInvariant())
        {
            case "gold": source = AnnotationSource.Gold; return true;
            case "synthetic": source = AnnotationSource.Synthetic; return true;
            case "predicted": source = AnnotationSource.Predicted; return true;
            default: source = AnnotationSource.Gold; return false;
        }
    }

    public static string Name(AnnotationSource source) => source switch
    {
        AnnotationSource.Synthetic => "synthetic",
        AnnotationSource.Predicted => "predicted",
        _ => "gold",
    };
}
