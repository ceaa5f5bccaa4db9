using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Formats;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Core.Tests.Formats;

public class BioBertTsvFormatTests
{
    [Fact]
    public void Reads_masks_as_entities_and_label_1_as_an_association()
    {
        using var dir = new TempFolder();
        var docs = new BioBertTsvFormat().Read(dir.Write("train.tsv", "The @GENE$ variant raises @DISEASE$ risk.\t1\n@DISEASE$ is not linked to @GENE$.\t0\n"), ReadOptions.Strict, new ReadReport()).ToList();
        docs.Select(d => d.Id).Should().Equal("1", "2");
        var d0 = docs[0];
        d0.Entities.Select(e => $"{e.Label}:{d0.TextOf(e)}").Should().Equal("Gene:@GENE$", "Disease:@DISEASE$");
        var r = d0.Relations.Should().ContainSingle().Which;
        (r.Label, d0.FindEntity(r.HeadId)!.Label, d0.FindEntity(r.TailId)!.Label).Should().Be(("Association", "Gene", "Disease"));
        docs[1].Relations.Should().BeEmpty();
        docs[1].Document.Meta["label"].Should().Be("0");
    }

    [Fact]
    public void Header_form_uses_the_index_as_id_and_round_trips_byte_for_byte()
    {
        using var dir = new TempFolder();
        const string content = "index\tsentence\tlabel\n0\tIn @GENE$ carriers @DISEASE$ was rare.\t1\n7\t@DISEASE$ and @GENE$ were unrelated.\t0\n";
        var src = dir.Write("test.tsv", content);
        var docs = new BioBertTsvFormat().Read(src, ReadOptions.Strict, new ReadReport()).ToList();
        docs.Select(d => d.Id).Should().Equal("0", "7");
        var outPath = dir.File("out.tsv");
        new BioBertTsvFormat().Write(docs, outPath);
        File.ReadAllText(outPath).Should().Be(content);
    }

    [Fact]
    public void Writer_masks_real_mentions_one_line_per_gene_disease_pair()
    {
        using var dir = new TempFolder();
        var doc = Docs.Annotated("d", "BRCA1 and TP53 mutations cause breast cancer.", ("BRCA1", "Gene"), ("TP53", "Gene"), ("breast cancer", "Disease"))
            .WithRelation("Association", "T1", "T3");
        var outPath = dir.File("out.tsv");
        new BioBertTsvFormat().Write([doc], outPath);
        File.ReadAllLines(outPath).Should().Equal(
            "@GENE$ and TP53 mutations cause @DISEASE$.\t1",
            "BRCA1 and @GENE$ mutations cause @DISEASE$.\t0");
    }
}
