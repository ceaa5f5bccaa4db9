using Asclepius.TextMining.Core.Formats;

namespace Asclepius.TextMining.Core.Tests.Formats;

public class ChemProtFormatTests
{
    private const string Lines =
        """{"text": "At 4 hours, losartan blocked the << Ang II >>-induced rise; [[ valsartan ]], 51%.", "label": "INDIRECT-DOWNREGULATOR", "metadata": []}""" + "\n" +
        """{"text": "At 4 hours, << losartan >> blocked the [[ Ang II ]]-induced rise; valsartan, 51%.", "label": "INDIRECT-DOWNREGULATOR", "metadata": []}""" + "\n" +
        """{"text": "The << irbesartan >> dose blocks [[ Ang II receptor ]] signalling.", "label": "INHIBITOR", "metadata": []}""" + "\n";

    [Fact]
    public void Removes_markers_groups_lines_of_one_sentence_and_infers_types()
    {
        using var dir = new TempFolder();
        var report = new ReadReport();
        var docs = new ChemProtFormat().Read(dir.Write("dev.jsonl", Lines), ReadOptions.Strict, report).ToList();
        docs.Should().HaveCount(2);
        var d = docs[0];
        d.Id.Should().Be("dev-1");
        d.Text.Should().Be("At 4 hours, losartan blocked the Ang II-induced rise; valsartan, 51%.");
        d.Entities.Select(e => $"{e.Label}:{d.TextOf(e)}").Should().Equal("Chemical:losartan", "Gene:Ang II", "Chemical:valsartan");
        d.Relations.Should().HaveCount(2).And.OnlyContain(r => d.FindEntity(r.HeadId)!.Label == "Chemical" && d.FindEntity(r.TailId)!.Label == "Gene");
        d.Document.Meta["entity_types"].Should().Be("inferred");
        var d2 = docs[1];
        d2.Entities.Select(e => $"{e.Label}:{d2.TextOf(e)}").Should().Equal("Chemical:irbesartan", "Gene:Ang II receptor");
        d2.Relations.Single().Label.Should().Be("INHIBITOR");
    }

    [Fact]
    public void Write_marks_the_earlier_argument_first_and_reads_back_the_same()
    {
        using var dir = new TempFolder();
        var docs = new ChemProtFormat().Read(dir.Write("dev.jsonl", Lines), ReadOptions.Strict, new ReadReport()).ToList();
        var outPath = dir.File("out.jsonl");
        new ChemProtFormat().Write(docs, outPath);
        File.ReadAllLines(outPath)[0].Should().Be("""{"text":"At 4 hours, losartan blocked the << Ang II >>-induced rise; [[ valsartan ]], 51%.","label":"INDIRECT-DOWNREGULATOR","metadata":[]}""");
        var back = new ChemProtFormat().Read(outPath, ReadOptions.Strict, new ReadReport()).ToList();
        Canon.Of(back, withId: false).Should().Equal(Canon.Of(docs, withId: false));
    }
}
