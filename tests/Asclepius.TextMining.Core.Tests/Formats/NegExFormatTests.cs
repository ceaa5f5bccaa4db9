using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Formats;

namespace Asclepius.TextMining.Core.Tests.Formats;

public class NegExFormatTests
{
    private const string Rs =
        "line number\tCondition\tsentence\tnegation_status (negated, affirmed, possible)\ttemporality (historical, recent, hypothetical)\texperiencer (patient, other)\n" +
        "1\tedema\tExtremities reveal no peripheral cyanosis or EDEMA.\tNegated\tRecent\tPatient\n" +
        "2\tstaph   bacteremia\tHe had STAPH  BACTEREMIA last year.\tAffirmed\tHistorical\tPatient\n" +
        "3\tchest pain\tReturn if any CHEST PAIN.\tAffirmed\tNot particular\tPatient\n" +
        "4\tbreast cancer\tMother had BREAST CANCER.\tAffirmed\tHistorical\tFamily member\n" +
        "5\tflu\tHer roommate had FLU.\tAffirmed\tRecent\tOther\n" +
        "6\tpain\tPain medication for PAIN.\tAffirmed\tRecent\tPatient\n" +
        "7\tNeck:  Supple.  No lymphadenopathy\tNeck:  Supple.\tNegated\tRecent\tPatient\n";

    [Fact]
    public void Maps_labels_to_assertions_and_keeps_raw_labels()
    {
        using var dir = new TempFolder();
        var report = new ReadReport();
        var docs = new NegExFormat().Read(dir.Write("rs.txt", Rs), ReadOptions.Strict, report).ToList();
        docs.Should().HaveCount(7);
        Assertions A(int i) => docs[i].Entities.Single().Assertions;
        A(0).Should().Be(Assertions.Negated);
        A(1).Should().Be(Assertions.Historical);
        A(2).Should().Be(Assertions.Hypothetical);
        A(3).Should().Be(Assertions.Historical | Assertions.Family);
        A(4).Should().Be(Assertions.None);
        docs[4].Document.Meta["experiencer"].Should().Be("Other");
        docs[2].Document.Meta["temporality"].Should().Be("Not particular");
        docs.All(d => d.Entities.All(e => e.Label == "Condition")).Should().BeTrue();
    }

    [Fact]
    public void Matches_case_insensitively_across_whitespace_runs_preferring_upper_case()
    {
        using var dir = new TempFolder();
        var report = new ReadReport();
        var docs = new NegExFormat().Read(dir.Write("rs.txt", Rs), ReadOptions.Strict, report).ToList();
        docs[1].TextOf(docs[1].Entities[0]).Should().Be("STAPH  BACTEREMIA");
        docs[5].TextOf(docs[5].Entities[0]).Should().Be("PAIN");
        docs[5].Entities[0].Span.Start.Should().Be(20);
        docs[6].Entities.Should().BeEmpty();
        docs[6].Document.Meta["negation"].Should().Be("Negated");
        report.Notes.Should().ContainKey("negex: condition not found in its sentence (document kept without the entity)");
    }

    [Fact]
    public void Reads_the_quoted_crlf_annotations_layout_and_the_gencontext_layout()
    {
        using var dir = new TempFolder();
        var ann = dir.Write("Annotations-1-120.txt", "Report No.\tConcept\tSentence\tNegation\r\n1\t JVD\t\"No \"\"JVD\"\" seen.\"\tNegated\r\n1\tfever\tHad FEVER.\tAffirmed\r\n");
        var a = new NegExFormat().Read(ann, ReadOptions.Strict, new ReadReport()).ToList();
        a.Select(d => d.Text).Should().Equal("No \"JVD\" seen.", "Had FEVER.");
        a[0].Entities.Single().Assertions.Should().Be(Assertions.Negated);
        a[0].Document.Meta["report"].Should().Be("1");

        var gen = dir.Write("gen.txt", "1\t \tcough\tShe denies any COUGH.\tNegated\tRecent\tPatient\n2\tssm: sentence splitter mistake\twheezes\tNo WHEEZES.\tNegated\tRecent\tPatient\n");
        var g = new NegExFormat().Read(gen, ReadOptions.Strict, new ReadReport()).ToList();
        g.Should().HaveCount(2);
        g[1].Document.Meta["note"].Should().StartWith("ssm");
        CorpusFormats.Resolve(gen).Name.Should().Be("negex");
        CorpusFormats.Resolve(ann).Name.Should().Be("negex");
    }

    [Fact]
    public void Write_then_read_keeps_conditions_labels_and_unmatched_rows()
    {
        using var dir = new TempFolder();
        var docs = new NegExFormat().Read(dir.Write("rs.txt", Rs), ReadOptions.Strict, new ReadReport()).ToList();
        var outPath = dir.File("out.txt");
        new NegExFormat().Write(docs, outPath);
        File.ReadAllText(outPath).Should().Be(Rs);
    }
}
