using System.Text.RegularExpressions;

namespace Asclepius.TextMining.Generation.Llm;

/// <summary>
/// Removes what local reasoning models write before their answer: &lt;think&gt;…&lt;/think&gt; (DeepSeek-R1,
/// Qwen3, QwQ), &lt;thinking&gt;, &lt;reasoning&gt; and &lt;|begin_of_thought|&gt;…&lt;|end_of_thought|&gt; blocks. A
/// closing tag with no opening one (chat templates that open the block in the prompt) drops everything
/// before it; an opening tag never closed means the answer is all thinking (nothing is left).
/// JSON the model quoted while thinking must not be taken for its answer.
/// </summary>
public static partial class ReasoningPreamble
{
    public static string Strip(string content)
    {
        if (string.IsNullOrEmpty(content)) return content;
        var text = Closed().Replace(content, "");
        var close = CloseTag().Matches(text);
        if (close.Count > 0) text = text[(close[^1].Index + close[^1].Length)..];
        var open = OpenTag().Match(text);
        if (open.Success) text = text[..open.Index];
        return text.Trim();
    }

    [GeneratedRegex(@"<(think|thinking|reasoning)>.*?</\1>|<\|begin_of_thought\|>.*?<\|end_of_thought\|>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Closed();

    [GeneratedRegex(@"</(?:think|thinking|reasoning)>|<\|end_of_thought\|>", RegexOptions.IgnoreCase)]
    private static partial Regex CloseTag();

    [GeneratedRegex(@"<(?:think|thinking|reasoning)>|<\|begin_of_thought\|>", RegexOptions.IgnoreCase)]
    private static partial Regex OpenTag();
}
