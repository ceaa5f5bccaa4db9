using Asclepius.TextMining.Generation.Contracts;
using Asclepius.TextMining.Generation.Data;
using Asclepius.TextMining.Generation.Llm.Tests.Fixtures;
using Asclepius.TextMining.Generation.Llm.Tests.Support;
using Asclepius.TextMining.Generation.Tests.Fixtures;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Generation.Llm.Tests.Privacy;

/// <summary>
/// "No text of a note reaches the LLM", tested where it could fail: the real `asclepius-generate generate`
/// path (options, data folder, seed bank, offline examples, prompts, verify calls) runs against the fake
/// server while notes sit in the data folder it reads (data/samples, and a note of our own beside them),
/// and every message it sends is searched for every note's text (phrases that the project's own lexicons,
/// templates and prompts hold too are not note text). A second test puts note text into the
/// prompt examples on purpose and shows the search finds it.
/// </summary>
[Collection(ToolCollection.Name)]
public sealed class NoteTextPrivacyTests
{
    [Fact]
    public async Task The_generate_tool_sends_no_text_of_the_notes_in_its_data_folder()
    {
        await using var h = await LlmHarness.StartAsync();
        using var data = new TempDir();
        CopyDirectory(Path.Combine(SharedData.RepoRoot, "data"), data.Path);
        File.WriteAllText(Path.Combine(data.Path, "samples", "zz-private-note.txt"), MiniData.Note);
        var notes = Directory.GetFiles(Path.Combine(data.Path, "samples"), "*.txt").Select(File.ReadAllText).ToList();
        notes.Should().HaveCountGreaterThan(5);

        var old = Environment.GetEnvironmentVariable(DataFolder.EnvironmentVariable);
        Environment.SetEnvironmentVariable(DataFolder.EnvironmentVariable, data.Path);
        ConsoleRun run;
        try
        {
            run = ToolRunner.Run("generate", "--provider", "openai", "--endpoint", h.Server.OpenAIEndpoint.ToString(), "--model", "fake-model",
                "--api-key-env", h.KeyVariable, "--schema", "chemical-disease", "--count", "20", "--out", h.OutDir, "--verify", "--concurrency", "2");
        }
        finally
        {
            Environment.SetEnvironmentVariable(DataFolder.EnvironmentVariable, old);
        }

        run.ExitCode.Should().Be(0, run.ToString());
        var requests = h.Server.Requests.ToList();
        requests.Should().Contain(r => r.IsRelationPrompt).And.Contain(r => r.IsVerify).And.Contain(r => !r.IsRelationPrompt && !r.IsVerify);
        var ownSources = Directory.EnumerateFiles(data.Path, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(data.Path, f).StartsWith("samples", StringComparison.Ordinal)).Select(File.ReadAllText);
        NoteText.FirstLeak(notes, requests.Select(r => r.Prompt).Concat(requests.Select(r => r.Body)), ownSources).Should().BeNull("no text of a note may reach the LLM");
        NoteText.FirstLeak([MiniData.Note], requests.Select(r => r.Prompt).Concat(requests.Select(r => r.Body)), window: NoteText.DistinctiveWindow)
            .Should().BeNull("nor any 12 characters of the distinctive note");
    }

    [Fact]
    public async Task The_search_finds_note_text_when_a_prompt_carries_it()
    {
        await using var h = await LlmHarness.StartAsync();
        var note = File.ReadAllText(Directory.GetFiles(Path.Combine(SharedData.RepoRoot, "data", "samples"), "*.txt").Order().First());
        var sentence = note.Split('.').Select(s => s.Trim()).First(s => s.Length > NoteText.Window + 10 && !s.Contains('\n') && !s.Contains('"'));
        var leaky = h.OpenAI(o => o with { Examples = [new CandidateSample(sentence, [], [])], ExamplesPerPrompt = 1 });

        await h.RunAsync(leaky, count: 3);

        NoteText.FirstLeak([note], h.Server.Requests.Select(r => r.Prompt)).Should().NotBeNull();
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }
}
