using Asclepius.TextMining.Core.Errors;
using System.Text;
using Asclepius.TextMining.Core.Formats.Support;

namespace Asclepius.TextMining.Core.Tests.Formats.Support;

public class Utf8LineReaderTests
{
    private static Utf8LineReader Reader(string content, int maxLineBytes = int.MaxValue) =>
        new(new MemoryStream(TempFolder.Encode(content)), "mem", maxLineBytes);

    private static List<(string Line, bool Truncated, int Number, string Terminator)> All(Utf8LineReader reader)
    {
        var lines = new List<(string, bool, int, string)>();
        while (reader.TryReadLine(out var bytes, out var truncated))
            lines.Add((Encoding.UTF8.GetString(bytes), truncated, reader.LineNumber, reader.LastTerminator));
        return lines;
    }

    [Fact]
    public void Skips_the_byte_order_mark_and_keeps_each_terminator()
    {
        using var reader = Reader("\uFEFFa\r\nb\n\nc");
        All(reader).Should().Equal(("a", false, 1, "\r\n"), ("b", false, 2, "\n"), ("", false, 3, "\n"), ("c", false, 4, ""));
        reader.Position.Should().Be(TempFolder.Encode("\uFEFFa\r\nb\n\nc").Length);
    }

    [Fact]
    public void A_line_over_the_limit_is_cut_flagged_and_the_next_line_is_read_whole()
    {
        var longLine = new string('x', 200_000);
        using var reader = Reader($"ok\n{longLine}\r\nafter\n", maxLineBytes: 10);
        All(reader).Should().Equal(("ok", false, 1, "\n"), ("xxxxxxxxxx", true, 2, "\n"), ("after", false, 3, "\n"));
    }

    [Fact]
    public void A_last_line_over_the_limit_without_terminator_is_cut_and_flagged()
    {
        using var reader = Reader(new string('y', 70_000), maxLineBytes: 5);
        All(reader).Should().Equal(("yyyyy", true, 1, ""));
    }

    [Fact]
    public void Strict_decoding_names_the_byte_or_the_nul_column()
    {
        using var reader = Reader("ab<FF>c\na<NUL>b\n");
        var bad = () => reader.ReadLine();
        bad.Should().Throw<RecordException>().Where(e => e.Reason == "invalid UTF-8 at byte 3 of the line" && e.Line == 1);
        bad.Should().Throw<RecordException>().Where(e => e.Reason == "binary content (NUL byte at column 2)" && e.Line == 2);
    }

    [Fact]
    public void A_line_past_the_longest_held_is_a_coded_error_naming_file_and_line_not_a_crash()
    {
        // An endless stream of one line (what `stats /dev/zero` met): 1 GiB is held, then ATM109.
        using var reader = new Utf8LineReader(new EndlessLine(), "endless.jsonl");
        reader.TryReadLine(out _).Should().BeTrue();
        var act = () => reader.TryReadLine(out _);
        act.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.InputTooLarge && e.Message.Contains("endless.jsonl") && e.Message.Contains("line 2"));
    }

    /// <summary>"a\n" and then 'x' forever: no memory of its own, so only the reader's buffer grows.</summary>
    private sealed class EndlessLine : Stream
    {
        private bool _first = true;
        public override int Read(byte[] buffer, int offset, int count)
        {
            buffer.AsSpan(offset, count).Fill((byte)'x');
            if (_first && count >= 2) { buffer[offset] = (byte)'a'; buffer[offset + 1] = (byte)'\n'; _first = false; }
            return count;
        }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
