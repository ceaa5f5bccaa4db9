using Asclepius.TextMining.Core.Formats;
using Asclepius.TextMining.Core.Sections;
using Asclepius.TextMining.TestKit;
using Xunit.Abstractions;

namespace Asclepius.TextMining.Core.Tests.Sections;

/// <summary>
/// Section detection on the 500 MTSamples notes in ../shared/data/mtsamples (headers inline, lines joined
/// with ","). The figure: of all the headers the detector finds (upper-case phrases ending in ':' at a
/// line or sentence boundary, and known aliases), the fraction it maps to a known section or subheader.
/// docs/BENCHMARKS.md has the figure, how the aliases were grown on this sample, and a hand-checked precision.
/// </summary>
[Trait("Category", "Corpus")]
public sealed class MtSamplesSectionTests(ITestOutputHelper output)
{
    [Fact]
    public void Most_headers_in_mtsamples_map_to_a_known_section()
    {
        var notes = CorpusFormats.ReadAll(SharedData.File("mtsamples", "mtsamples_sample.csv"), "csv", ReadOptions.Strict with { TextColumn = "text" });
        notes.Should().HaveCount(500);
        int known = 0, sub = 0, unknown = 0, withSection = 0;
        foreach (var note in notes)
        {
            var headers = SectionRuleSet.Default.FindHeaders(note.Text);
            if (headers.Any(h => h.Section is not null)) withSection++;
            known += headers.Count(h => h.Section is not null);
            sub += headers.Count(h => h.IsSubheader);
            unknown += headers.Count(h => !h.IsKnown);
        }
        var coverage = (known + sub) / (double)(known + sub + unknown);
        output.WriteLine($"headers {known + sub + unknown}: sections {known}, subheaders {sub}, unknown {unknown}; coverage {coverage:F3}; notes with a known section {withSection}/{notes.Count}");
        coverage.Should().BeGreaterThanOrEqualTo(0.90);
        withSection.Should().BeGreaterThanOrEqualTo(470);
    }
}
