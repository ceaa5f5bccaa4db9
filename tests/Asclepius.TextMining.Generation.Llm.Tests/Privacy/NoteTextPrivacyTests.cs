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
/// and every message it sends is searched for every note's text. A second test puts note text into the
/// prompt examples on purpose and shows the search finds it.
/// </summary>
[Collection(ToolCollection.Name)]
public sealed class NoteTextPrivacyTests
{
    [Fact]
    public async Task The_generate_tool_sends_no_text_of_the_notes_in_its_data_folder()
    {
        using var data = new TempDir();
        CopyDirectory(Path.Combine(SharedData.RepoRoot, "data"), data.Path);
        File.WriteAllText(Path.Combine(data.Path, "samples", "zz-private-note.txt"), MiniData.Note);
        var notes = Directory.GetFiles(Path.Combine(data.Path, "samples"), "*.txt").Select(File.ReadAllText).ToList();
        notes.Should().HaveCountGreaterThan(5);

        var sent = await SentByGenerateAsync(data.Path);
        // The control: the same run with no note in the data folder. What it sends too came from the prompts,
        // seeds and offline examples, not from a note.
        foreach (var f in Directory.GetFiles(Path.Combine(data.Path, "samples"), "*.txt")) File.Delete(f);
        var control = await SentByGenerateAsync(data.Path);

        NoteText.FirstLeak(notes, sent, control).Should().BeNull("no text of a note may reach the LLM");
        NoteText.FirstLeak([MiniData.Note], sent).Should().BeNull("the made-up note shares no phrase with the prompts at all");
    }

    private static async Task<IReadOnlyList<string>> SentByGenerateAsync(string dataFolder)
    {
        await using var h = await LlmHarness.StartAsync();
        var old = Environment.GetEnvironmentVariable(DataFolder.EnvironmentVariable);
        Environment.SetEnvironmentVariable(DataFolder.EnvironmentVariable, dataFolder);
        ToolResult run;
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
        return requests.Select(r => r.Prompt).Concat(requests.Select(r => r.Body)).ToList();
    }

    [Fact]
    public async Task The_search_finds_note_text_when_a_prompt_carries_it()
    {
        await using var h = await LlmHarness.StartAsync();
        var note = File.ReadAllText(Directory.GetFiles(Path.Combine(SharedData.RepoRoot, "data", "samples"), "*.txt").Order().First());
        var sentence = note.Split('.').Select(s => s.Trim()).First(s => s.Length > 40);
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
