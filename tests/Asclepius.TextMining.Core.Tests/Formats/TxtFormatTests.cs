using Asclepius.TextMining.Core.Formats;

namespace Asclepius.TextMining.Core.Tests.Formats;

public class TxtFormatTests
{
    [Fact]
    public void Folder_of_notes_reads_in_name_order_with_file_stems_as_ids()
    {
        using var dir = new TempFolder();
        dir.Write("b.txt", "Second.");
        dir.Write("a.txt", "\uFEFFFirst note.\r\nLine 2.");
        dir.Write("skip.md", "not a note");
        var docs = new TxtFormat().Read(dir.Path, ReadOptions.Strict, new ReadReport()).ToList();
        docs.Select(d => d.Id).Should().Equal("a", "b");
        docs[0].Text.Should().Be("First note.\r\nLine 2.");
        docs[0].Document.Meta["file"].Should().Be("a.txt");
    }

    [Fact]
    public void One_file_is_one_document_and_write_read_round_trips()
    {
        using var dir = new TempFolder();
        var one = new TxtFormat().Read(dir.Write("note-9.txt", "Héllo α"), ReadOptions.Strict, new ReadReport()).Single();
        one.Id.Should().Be("note-9");
        var outDir = Path.Combine(dir.Path, "out");
        new TxtFormat().Write([one], outDir);
        new TxtFormat().Read(outDir, ReadOptions.Strict, new ReadReport()).Single().Should().BeEquivalentTo(one, o => o.Excluding(d => d.Document.Metadata));
    }
}
