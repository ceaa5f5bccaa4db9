using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Formats.Support;

namespace Asclepius.TextMining.Core.Tests.Formats.Support;

public class CsvRecordReaderTests
{
    private static List<CsvRecord> Records(string content, char delimiter = ',', int maxRecordChars = int.MaxValue, bool strictQuotes = true)
    {
        using var lines = new Utf8LineReader(new MemoryStream(TempFolder.Encode(content)), "mem.csv");
        var reader = new CsvRecordReader(lines, delimiter, maxRecordChars, strictQuotes);
        var records = new List<CsvRecord>();
        while (reader.Read() is { } r) records.Add(r);
        return records;
    }

    [Fact]
    public void Reads_quotes_doubled_quotes_and_line_breaks_inside_quotes_with_the_start_line()
    {
        var records = Records("a,b\r\n\r\n1,\"x\r\ny \"\"z\"\"\"\n2,\"\"\n");
        records.Select(r => (string.Join("|", r.Fields), r.Line, r.Problem)).Should().Equal(
            ("a|b", 1, null), ("1|x\r\ny \"z\"", 3, null), ("2|", 5, null));
    }

    [Fact]
    public void Tab_separated_when_asked()
    {
        Records("a\tb,c\n", '\t').Single().Fields.Should().Equal("a", "b,c");
    }

    [Fact]
    public void Text_after_a_closing_quote_is_a_problem_when_strict_and_text_when_not()
    {
        var strict = Records("1,\"ab\"c\n2,d\n");
        strict[0].Problem!.Code.Should().Be(ErrorCodes.MalformedRecord);
        strict[0].Problem!.Reason.Should().NotContain("c\"").And.Contain("closing quote");
        strict[1].Fields.Should().Equal("2", "d");
        Records("1,\"ab\"c\"\n", strictQuotes: false).Single().Fields.Should().Equal("1", "abc\"");
    }

    [Fact]
    public void Invalid_utf8_inside_a_multiline_record_is_reported_and_the_next_record_is_read_correctly()
    {
        var records = Records("1,\"first\n<FF>second\"\n2,ok\n");
        records[0].Line.Should().Be(1);
        records[0].Problem!.Code.Should().Be(ErrorCodes.InvalidEncoding);
        records[0].Problem!.Reason.Should().Contain("line 2");
        records[1].Fields.Should().Equal("2", "ok");
    }

    [Fact]
    public void A_quote_never_closed_is_fatal_and_names_its_line()
    {
        var records = Records("1,ok\n2,\"never closed\n3,lost\n");
        records.Should().HaveCount(2);
        records[1].Problem.Should().Be(new CsvProblem(ErrorCodes.MalformedRecord, "quoted field opened on line 2 is never closed (the quote runs to the end of the file)", true));
    }

    [Fact]
    public void A_record_over_the_cap_is_parsed_to_its_end_without_being_stored()
    {
        var records = Records($"1,\"{new string('x', 1000)}\"\n2,small\n", maxRecordChars: 10);
        records[0].Problem!.Code.Should().Be(ErrorCodes.InputTooLarge);
        records[0].Fields.Sum(f => f.Length).Should().BeLessThanOrEqualTo(10);
        records[1].Fields.Should().Equal("2", "small");
    }
}
