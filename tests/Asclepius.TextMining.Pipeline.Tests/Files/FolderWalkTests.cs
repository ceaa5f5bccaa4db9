using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Pipeline.Files;
using Asclepius.TextMining.Pipeline.Notes;

namespace Asclepius.TextMining.Pipeline.Tests.Files;

public sealed class FolderWalkTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("atm-walk-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private string Note(string relative, string text = "takes aspirin")
    {
        var path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Link_loops_and_self_links_end_and_every_note_is_labeled_once()
    {
        Note("a/note.txt");
        Note("b/other.txt");
        Directory.CreateSymbolicLink(Path.Combine(_dir, "self"), _dir);
        Directory.CreateSymbolicLink(Path.Combine(_dir, "a", "up"), Path.Combine(_dir, "a"));
        Directory.CreateSymbolicLink(Path.Combine(_dir, "b", "loop"), Path.Combine(_dir, "a"));

        var notes = await Task.Run(() => new TextFolderNoteReader(_dir).Read().ToList()).WaitAsync(TimeSpan.FromSeconds(20));
        notes.Where(n => n.Document is not null).Select(n => n.Document!.Id).Should().Equal("a/note", "b/other");
        notes.Where(n => n.Problem is not null).Should().BeEmpty("folders reached twice are walked once, not reported");
    }

    [Fact]
    public void A_file_link_to_a_note_is_reported_not_labeled_twice()
    {
        var target = Note("z/note.txt");
        File.CreateSymbolicLink(Path.Combine(_dir, "a-link.txt"), target);
        File.CreateSymbolicLink(Path.Combine(_dir, "dangling.txt"), Path.Combine(_dir, "nowhere.txt"));
        var notes = new TextFolderNoteReader(_dir).Read().ToList();
        notes.Where(n => n.Document is not null).Select(n => n.Document!.Id).Should().Equal("z/note");
        notes.Where(n => n.Problem is not null).Select(n => (n.Problem!.Id, n.Problem.Code)).Should().BeEquivalentTo(new[]
        {
            ("a-link", ErrorCodes.DuplicateId), ("dangling", ErrorCodes.UnreadableInput),
        });
    }

    [Fact]
    public void A_hard_link_of_an_input_is_the_input()
    {
        var input = Note("in/notes.txt");
        var other = Path.Combine(_dir, "out.jsonl");
        File.WriteAllText(other, "");
        FileIdentity.Same(input, other).Should().BeFalse();
        if (!OperatingSystem.IsLinux()) return;
        var hard = Path.Combine(_dir, "hard.jsonl");
        Link(input, hard).Should().Be(0);
        FileIdentity.Same(input, hard).Should().BeTrue();
        var act = () => InputFiles.Of(Path.Combine(_dir, "in")).CheckOutput(hard, "--out");
        act.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.OutputIsInput);
    }

    [Fact]
    public void Outputs_inside_an_input_folder_or_holding_an_input_are_refused()
    {
        Note("in/a.txt");
        var inputs = InputFiles.Of(Path.Combine(_dir, "in"));
        foreach (var bad in new[] { Path.Combine(_dir, "in"), Path.Combine(_dir, "in", "out.jsonl"), Path.Combine(_dir, "in", "sub", "x"), _dir })
        {
            var act = () => inputs.CheckOutput(bad, "--out");
            act.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.OutputIsInput, bad);
        }
        inputs.CheckOutput(Path.Combine(_dir, "in-labeled.jsonl"), "--out");
        inputs.CheckOutput(Path.Combine(_dir, "out", "brat"), "--out");
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "link")]
    private static extern int Link([System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)] string from, [System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)] string to);
}
