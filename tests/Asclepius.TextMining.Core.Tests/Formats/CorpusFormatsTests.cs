using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Formats;

namespace Asclepius.TextMining.Core.Tests.Formats;

public class CorpusFormatsTests
{
    [Theory]
    [InlineData("a.jsonl", "{\"id\":\"a\",\"text\":\"x\",\"entities\":[]}\n", "jsonl")]
    [InlineData("cdr.txt", "1|t|Title.\n1|a|Abstract.\n", "pubtator")]
    [InlineData("train.tsv", "Aspirin\tB-Chemical\ncauses\tO\n", "conll")]
    [InlineData("b.conll", "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\n", "conll")]
    [InlineData("test.tsv", "index\tsentence\tlabel\n0\t@GENE$ in @DISEASE$\t1\n", "biobert-tsv")]
    [InlineData("train2.tsv", "@GENE$ in @DISEASE$\t1\n", "biobert-tsv")]
    [InlineData("DRUG-AE.rel", "1|Aspirin caused rash.|rash|15|19|Aspirin|0|7\n", "ade")]
    [InlineData("ADE-NEG.txt", "1 NEG Fine.\n", "ade")]
    [InlineData("dev.jsonl", "{\"text\": \"<< a >> b [[ c ]]\", \"label\": \"INHIBITOR\", \"metadata\": []}\n", "chemprot")]
    [InlineData("rs.txt", "line number\tCondition\tsentence\tnegation\ttemporality\texperiencer\n", "negex")]
    [InlineData("notes.csv", "id,text\n1,x\n", "csv")]
    [InlineData("note.txt", "Patient seen today.", "txt")]
    public void Detects_the_format_of_a_file_from_name_and_first_bytes(string name, string content, string expected)
    {
        using var dir = new TempFolder();
        CorpusFormats.Resolve(dir.Write(name, content)).Name.Should().Be(expected);
    }

    [Fact]
    public void Detects_folders_brat_ade_and_txt()
    {
        using var brat = new TempFolder();
        brat.Write("a.txt", "x");
        brat.Write("a.ann", "");
        CorpusFormats.Resolve(brat.Path).Name.Should().Be("brat");

        using var ade = new TempFolder();
        ade.Write("DRUG-AE.rel", "");
        CorpusFormats.Resolve(ade.Path).Name.Should().Be("ade");

        using var txt = new TempFolder();
        txt.Write("a.txt", "x");
        CorpusFormats.Resolve(txt.Path).Name.Should().Be("txt");
    }

    [Fact]
    public void Named_format_overrides_detection_and_unknown_names_list_the_known_ones()
    {
        using var dir = new TempFolder();
        var path = dir.Write("x.txt", "1|t|Title.\n");
        CorpusFormats.Resolve(path, "txt").Name.Should().Be("txt");
        var act = () => CorpusFormats.Get("xml");
        act.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.UnknownFormat && e.Message.Contains("pubtator") && e.Message.Contains("biobert-tsv"));
    }

    [Fact]
    public void Undetectable_input_is_ATM106_and_missing_input_is_ATM111()
    {
        using var dir = new TempFolder();
        var act = () => CorpusFormats.Resolve(dir.Write("x.bin", "??"));
        act.Should().Throw<TextMiningException>().Which.Code.Should().Be(ErrorCodes.UnknownFormat);
        var missing = () => CorpusFormats.Resolve(dir.File("nope.txt"));
        missing.Should().Throw<TextMiningException>().Which.Code.Should().Be(ErrorCodes.UnreadableInput);
    }

    [Fact]
    public void Every_format_is_registered_once_with_a_reader_and_writer()
    {
        CorpusFormats.Names.Should().BeEquivalentTo("jsonl", "pubtator", "conll", "brat", "biobert-tsv", "ade", "chemprot", "negex", "txt", "csv");
    }
}
