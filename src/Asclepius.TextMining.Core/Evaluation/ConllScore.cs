using System.Globalization;
using System.Text;

namespace Asclepius.TextMining.Core.Evaluation;

/// <summary>
/// conlleval's numbers: chunk counts per type (tp = "correct", tp+fp = "found", tp+fn = "phrases") and
/// token accuracy (tokens whose gold and predicted tags are equal).
/// </summary>
public sealed record ConllScore(ScoreTable Chunks, int Tokens, int CorrectTags)
{
    public double Accuracy => Tokens == 0 ? 0.0 : (double)CorrectTags / Tokens;

    /// <summary>The report conlleval prints (its default, non-LaTeX output), with its rounding.</summary>
    public string ToConllevalReport()
    {
        var inv = CultureInfo.InvariantCulture;
        var m = Chunks.Micro;
        var sb = new StringBuilder();
        sb.Append(inv, $"processed {Tokens} tokens with {m.Gold} phrases; found: {m.Predicted} phrases; correct: {m.TruePositives}.\n");
        if (Tokens > 0)
        {
            var (p, r, f) = Percentages(m);
            sb.Append(inv, $"accuracy: {Fixed(100.0 * CorrectTags / Tokens)}%; precision: {Fixed(p)}%; recall: {Fixed(r)}%; FB1: {Fixed(f)}\n");
        }
        foreach (var (type, s) in Chunks.Labels)
        {
            var (p, r, f) = Percentages(s);
            sb.Append(inv, $"{type,17}: precision: {Fixed(p)}%; recall: {Fixed(r)}%; FB1: {Fixed(f)}  {s.Predicted}\n");
        }
        return sb.ToString();
    }

    // conlleval's own arithmetic (percentages first, F from them), so that its rounding is reproduced too.
    private static (double P, double R, double F) Percentages(PrfScore s)
    {
        var p = s.Predicted > 0 ? 100.0 * s.TruePositives / s.Predicted : 0.0;
        var r = s.Gold > 0 ? 100.0 * s.TruePositives / s.Gold : 0.0;
        var f = p + r > 0 ? 2 * p * r / (p + r) : 0.0;
        return (p, r, f);
    }

    // printf "%6.2f".
    private static string Fixed(double value) => value.ToString("F2", CultureInfo.InvariantCulture).PadLeft(6);
}
