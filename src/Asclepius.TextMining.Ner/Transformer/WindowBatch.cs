using Asclepius.TextMining.Encoders.Bert;
using TorchSharp;
using static TorchSharp.torch;

namespace Asclepius.TextMining.Ner.Transformer;

/// <summary>
/// Padded windows for one forward pass: the encoder's input (<see cref="EncoderInput"/>), TokenPositions [B,T] (each
/// token's first piece, [CLS] counted; 0 on padding), TokenMask [B,T], LastIndex [B], Tags [B,T] when gold tags are
/// known, Lexicon [B,T,L] when the model has L lexicons (rows of the lexicon embedding; 0 on padding). Create inside a
/// dispose scope.
/// </summary>
internal sealed record WindowBatch(EncoderInput Input, Tensor TokenPositions, Tensor TokenMask, Tensor LastIndex, Tensor? Tags, Tensor? Lexicon)
{
    /// <param name="windows">Per window: its pieces, each token's first piece relative to the window, and tag ids when training.</param>
    public static WindowBatch Build(IReadOnlyList<Window> windows, int cls, int sep, int pad, Device device)
    {
        var b = windows.Count;
        var t = windows.Max(w => w.FirstPiece.Length);
        var positions = new long[b * t];
        var mask = new bool[b * t];
        var last = new long[b];
        var withTags = windows[0].Tags is not null;
        var tags = withTags ? new long[b * t] : null;
        var lexCount = windows[0].Lexicon is { } firstLex && windows[0].FirstPiece.Length > 0 ? firstLex.Length / windows[0].FirstPiece.Length : 0;
        var lexicon = lexCount > 0 ? new long[b * t * lexCount] : null;
        for (var i = 0; i < b; i++)
        {
            var w = windows[i];
            for (var j = 0; j < w.FirstPiece.Length; j++)
            {
                positions[i * t + j] = w.FirstPiece[j] + 1;
                mask[i * t + j] = true;
                if (tags is not null) tags[i * t + j] = w.Tags![j];
                if (lexicon is not null)
                    for (var l = 0; l < lexCount; l++) lexicon[(i * t + j) * lexCount + l] = w.Lexicon![j * lexCount + l];
            }
            last[i] = w.FirstPiece.Length - 1;
        }
        return new WindowBatch(
            EncoderInput.Build(windows.Select(w => w.Pieces).ToArray(), cls, sep, pad, device),
            torch.tensor(positions, new long[] { b, t }, device: device),
            torch.tensor(mask, new long[] { b, t }, device: device),
            torch.tensor(last, device: device),
            tags is null ? null : torch.tensor(tags, new long[] { b, t }, device: device),
            lexicon is null ? null : torch.tensor(lexicon, new long[] { b, t, lexCount }, device: device));
    }

    /// <summary>One window's input: pieces, first piece of each token (relative), tag ids (training only), lexicon ids [token · L + lexicon] (with lexicons).</summary>
    public sealed record Window(IReadOnlyList<int> Pieces, int[] FirstPiece, int[]? Tags, int[]? Lexicon = null);
}
