using Asclepius.TextMining.Ner.Transformer;

namespace Asclepius.TextMining.Ner.Tests.Transformer;

public sealed class PieceWindowsTests
{
    [Theory]
    [InlineData(1, 10, 3)]
    [InlineData(3, 10, 0)]
    [InlineData(5, 62, 16)]
    [InlineData(7, 510, 128)]
    public void Windows_fit_cover_every_token_in_order_overlap_and_each_token_has_one_owner(int seed, int max, int overlap)
    {
        var random = new Random(seed);
        var counts = Enumerable.Range(0, 700).Select(_ => random.Next(1, 5)).ToArray();
        var first = new int[counts.Length];
        for (var t = 1; t < counts.Length; t++) first[t] = first[t - 1] + counts[t - 1];
        var pieces = first[^1] + counts[^1];

        var windows = PieceWindows.Split(first, pieces, max, overlap);

        windows[0].FirstToken.Should().Be(0);
        (windows[^1].FirstToken + windows[^1].TokenCount).Should().Be(counts.Length);
        for (var w = 0; w < windows.Count; w++)
        {
            var (f, c) = windows[w];
            var end = f + c < counts.Length ? first[f + c] : pieces;
            (end - first[f]).Should().BeLessThanOrEqualTo(max, $"window {w} must fit");
            if (w == 0) continue;
            var (pf, pc) = windows[w - 1];
            f.Should().BeGreaterThan(pf, "windows move forward");
            f.Should().BeLessThanOrEqualTo(pf + pc, "no token falls between windows");
            if (counts[pf + pc - 1] <= overlap && f > pf + 1) (pf + pc - f).Should().BePositive("consecutive windows share the tokens that fit in the overlap");
        }

        var owners = PieceWindows.Owners(first, pieces, windows);
        for (var t = 0; t < counts.Length; t++)
        {
            var (f, c) = windows[owners[t]];
            t.Should().BeInRange(f, f + c - 1, $"token {t} is labeled by a window that holds it");
        }
    }

    [Fact]
    public void A_token_in_two_windows_is_owned_by_the_one_where_it_is_furthest_from_an_edge()
    {
        // 10 tokens of one piece each, windows of 6 pieces sharing 2: [0,6) [4,10).
        var first = Enumerable.Range(0, 10).ToArray();
        var windows = PieceWindows.Split(first, 10, 6, 2);
        windows.Should().Equal((0, 6), (4, 6));
        var owners = PieceWindows.Owners(first, 10, windows);
        owners[4].Should().Be(0, "token 4 is 1 piece from window 0's end and at window 1's start");
        owners[5].Should().Be(1, "token 5 is at window 0's end and 1 piece from window 1's start");
        owners.Take(4).Should().OnlyContain(o => o == 0);
        owners.Skip(6).Should().OnlyContain(o => o == 1);
    }
}
