namespace Asclepius.TextMining.Generation.Validation;

/// <summary>Recognises an assistant refusing or apologising instead of writing a clinical sentence.</summary>
public static class RefusalDetector
{
    // Openings only: a clinical sentence may quote a patient ("... said 'I'm sorry'"), but never starts so.
    private static readonly string[] Openings =
    [
        "i'm sorry", "i’m sorry", "i am sorry", "sorry,", "i apologize", "i apologise",
        "i cannot", "i can't", "i can’t", "i am unable", "i'm unable", "i’m unable", "i won't", "i will not",
        "as an ai", "as a language model", "unfortunately, i",
    ];

    // Anywhere: no synthetic clinical sentence has a reason to say these.
    private static readonly string[] Anywhere = ["as an ai language model", "as an ai model", "as an ai assistant", "i'm an ai", "i am an ai"];

    public static bool IsRefusal(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return false;
        var t = text.TrimStart(' ', '\t', '\r', '\n', '"', '\'', '*', '`', '>');
        foreach (var o in Openings)
            if (t.StartsWith(o, StringComparison.OrdinalIgnoreCase)) return true;
        foreach (var a in Anywhere)
            if (t.Contains(a, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }
}
