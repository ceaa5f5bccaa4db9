using System.Text;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Pipeline.Notes;

namespace Asclepius.TextMining.Pipeline.Tests.Notes;

public sealed class NoteReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("atm-notes-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private string Write(string name, string content) => WriteBytes(name, Encoding.UTF8.GetBytes(content));

    private string WriteBytes(string name, byte[] content)
    {
        var path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    [Fact]
    public void Csv_reads_quoted_multiline_text_and_ids_notes_by_content_when_there_is_no_id_column()
    {
        var path = Write("n.csv", "title,text\r\nA,\"first line\r\nsecond, \"\"quoted\"\"\"\r\nB,plain\r\n");
        var notes = new CsvNoteReader(path, textColumn: "text").Read().ToList();
        notes.Select(n => n.Document!.Id).Should().Equal(CsvNoteReader.ContentId("first line\r\nsecond, \"quoted\""), CsvNoteReader.ContentId("plain"));
        notes[0].Document!.Text.Should().Be("first line\r\nsecond, \"quoted\"");
        notes[1].Document!.Text.Should().Be("plain");
        notes[1].Document!.Meta["line"].Should().Be("4");
    }

    [Fact]
    public void Csv_content_ids_stay_with_their_note_when_a_row_is_inserted_and_repeats_are_numbered()
    {
        var before = new CsvNoteReader(Write("a.csv", "text\nfirst note\nsecond note\nfirst note\n")).Read().Select(n => (n.Document!.Id, n.Document.Text)).ToList();
        var after = new CsvNoteReader(Write("b.csv", "text\ninserted note\nfirst note\nsecond note\nfirst note\n")).Read().Select(n => (n.Document!.Id, n.Document.Text)).ToList();
        before.Select(n => n.Id).Should().OnlyHaveUniqueItems();
        before[0].Id.Should().StartWith("sha256-").And.HaveLength(23);
        before[2].Id.Should().Be(before[0].Id + "-2");
        after.Skip(1).Should().Equal(before, "an inserted row must not change the ids of the other notes");
        before.Select(n => n.Id).Should().NotContain(after[0].Id);
    }

    [Fact]
    public void Csv_uses_note_id_and_reports_bad_records_by_line()
    {
        var bytes = new List<byte>();
        bytes.AddRange(Encoding.UTF8.GetBytes("note_id,note_text\n1,good one\n2,too,many\n3,"));
        bytes.AddRange([0xC3, 0x28]);
        bytes.AddRange(Encoding.UTF8.GetBytes("\n4,\n5,good two\n"));
        var notes = new CsvNoteReader(WriteBytes("n.csv", bytes.ToArray())).Read().ToList();
        notes.Where(n => n.Document is not null).Select(n => n.Document!.Id).Should().Equal("1", "5");
        notes.Where(n => n.Problem is not null).Select(n => (n.Problem!.Id, n.Problem.Line, n.Problem.Code)).Should().Equal(
            ("2", 3, ErrorCodes.MissingColumn), ("3", 4, ErrorCodes.InvalidEncoding), ("4", 5, ErrorCodes.EmptyInput));
    }

    [Fact]
    public void Csv_with_an_unclosed_quote_reports_it_and_keeps_what_came_before()
    {
        var notes = new CsvNoteReader(Write("n.csv", "id,text\n1,ok\n2,\"never closed\n3,lost\n")).Read().ToList();
        notes[0].Document!.Id.Should().Be("1");
        notes[1].Problem!.Reason.Should().Contain("never closed");
        notes.Should().HaveCount(2);
    }

    [Fact]
    public void Csv_without_the_text_column_names_the_columns()
    {
        var act = () => new CsvNoteReader(Write("n.csv", "id,body\n1,x\n"), textColumn: "text").Read().ToList();
        act.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.MissingColumn && e.Message.Contains("id, body"));
    }

    [Fact]
    public void Csv_over_the_size_limit_is_reported_without_holding_it()
    {
        var big = new string('x', 5000);
        var notes = new CsvNoteReader(Write("n.csv", $"id,text\n1,\"{big}\"\n2,small\n"), maxChars: 100).Read().ToList();
        notes[0].Problem!.Code.Should().Be(ErrorCodes.InputTooLarge);
        notes[1].Document!.Text.Should().Be("small");
    }

    [Fact]
    public void Jsonl_reports_each_bad_line_and_reads_the_others()
    {
        var path = Write("n.jsonl", string.Join("\n",
            "{\"id\":\"a\",\"text\":\"fine\"}",
            "{not json",
            "{\"text\":\"no id\"}",
            "{\"id\":7,\"text\":\"numeric id\"}",
            "[1,2]",
            "",
            "{\"id\":\"b\",\"body\":\"wrong field\"}",
            "{\"id\":\"c\",\"text\":\"\\u0000binary\"}") + "\n");
        var notes = new JsonlNoteReader(path).Read().ToList();
        notes.Where(n => n.Document is not null).Select(n => n.Document!.Id).Should().Equal("a", "7");
        notes.Where(n => n.Problem is not null).Select(n => n.Problem!.Line).Should().Equal(2, 3, 5, 7, 8);
        notes.Last().Problem!.Code.Should().Be(ErrorCodes.InvalidEncoding);
    }

    [Fact]
    public void Jsonl_line_over_the_limit_is_skipped_and_reading_goes_on()
    {
        var path = Write("n.jsonl", $"{{\"id\":\"big\",\"text\":\"{new string('y', 3000)}\"}}\n{{\"id\":\"ok\",\"text\":\"fine\"}}\n");
        var notes = new JsonlNoteReader(path, maxChars: 100).Read().ToList();
        notes[0].Problem!.Code.Should().Be(ErrorCodes.InputTooLarge);
        notes[1].Document!.Id.Should().Be("ok");
    }

    [Fact]
    public void Text_folder_reads_notes_recursively_and_reports_bad_files()
    {
        Write("a.txt", "first note");
        Write("sub/b.txt", "second note");
        Write("sub/b.ann", "T1\tDisease 0 5\tsecon");
        WriteBytes("bin.txt", [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00]);
        WriteBytes("latin1.txt", [0x63, 0x61, 0x66, 0xE9]);
        Write("empty.txt", "   \n");
        Write("big.txt", new string('z', 400));
        Write("readme.md", "not a note");
        Write(".hidden.txt", "ignored");
        var notes = new TextFolderNoteReader(_dir, maxChars: 100).Read().ToList();
        notes.Where(n => n.Document is not null).Select(n => n.Document!.Id).Should().Equal("a", "sub/b");
        notes.Where(n => n.Problem is not null).Select(n => (Path.GetFileName(n.Problem!.Source), n.Problem.Code)).Should().BeEquivalentTo(new[]
        {
            ("big.txt", ErrorCodes.InputTooLarge), ("bin.txt", ErrorCodes.InvalidEncoding), ("empty.txt", ErrorCodes.EmptyInput),
            ("latin1.txt", ErrorCodes.InvalidEncoding), ("readme.md", ErrorCodes.UnknownFormat),
        });
    }

    [Fact]
    public void Readers_are_picked_from_the_path()
    {
        NoteReaders.Open(Write("x.csv", "id,text\n"), null, null, null, 10).Should().BeOfType<CsvNoteReader>();
        NoteReaders.Open(Write("x.jsonl", ""), null, null, null, 10).Should().BeOfType<JsonlNoteReader>();
        NoteReaders.Open(_dir, null, null, null, 10).Should().BeOfType<TextFolderNoteReader>();
        var act = () => NoteReaders.Open(Write("x.bin", "?"), null, null, null, 10);
        act.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.UnknownFormat);
    }
}
