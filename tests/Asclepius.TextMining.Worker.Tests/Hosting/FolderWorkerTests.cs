using System.Text;
using System.Text.Json;
using Asclepius.TextMining.TestKit;
using Asclepius.TextMining.Worker.Model;
using Asclepius.TextMining.Worker.Tests.Support;
using Microsoft.Extensions.Hosting;

namespace Asclepius.TextMining.Worker.Tests.Hosting;

/// <summary>The watched folder: inbox → done/failed, every bad file, line and note reported, the rest labeled to JSONL.</summary>
public sealed class FolderWorkerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("atm-wfolder-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public async Task Over_a_hundred_malformed_files_and_lines_are_each_reported_and_the_rest_labeled()
    {
        var model = TestPackages.Dictionary(Path.Combine(_dir, "m.zip"));
        var root = Path.Combine(_dir, "notes");
        var inbox = Path.Combine(root, "inbox");
        Directory.CreateDirectory(inbox);
        var good = new List<string>();
        var bad = 0;
        for (var i = 0; i < 60; i++)
        {
            File.WriteAllText(Path.Combine(inbox, $"good-{i:D3}.txt"), SyntheticNotes.Note(i));
            good.Add($"good-{i:D3}");
        }
        for (var i = 0; i < 30; i++, bad++) File.WriteAllBytes(Path.Combine(inbox, $"binary-{i:D3}.txt"), [0x7F, 0x45, 0x4C, 0x46, 0, 1, (byte)i]);
        for (var i = 0; i < 30; i++, bad++) File.WriteAllBytes(Path.Combine(inbox, $"latin1-{i:D3}.txt"), Encoding.Latin1.GetBytes($"r\u00e9sum\u00e9 {i}"));
        for (var i = 0; i < 10; i++, bad++) File.WriteAllText(Path.Combine(inbox, $"empty-{i:D3}.txt"), "");
        for (var i = 0; i < 10; i++, bad++) File.WriteAllText(Path.Combine(inbox, $"huge-{i:D3}.txt"), new string('h', 3000));
        for (var i = 0; i < 5; i++, bad++) File.WriteAllText(Path.Combine(inbox, $"scan-{i:D3}.pdf"), "%PDF-1.4");
        var jsonl = new StringBuilder();
        for (var i = 0; i < 40; i++)
        {
            if (i % 4 == 1) { jsonl.Append("{\"id\":\"j").Append(i).Append("\",\"text\":\n"); bad++; }
            else { jsonl.Append(JsonSerializer.Serialize(new { id = $"j{i}", text = SyntheticNotes.Note(1000 + i) })).Append('\n'); good.Add($"j{i}"); }
        }
        File.WriteAllText(Path.Combine(inbox, "batch.jsonl"), jsonl.ToString());
        var csv = new StringBuilder("id,text\n");
        for (var i = 0; i < 20; i++)
        {
            if (i % 5 == 2) { csv.Append($"c{i},extra,field\n"); bad++; }
            else { csv.Append($"c{i},\"{SyntheticNotes.Note(2000 + i)}\"\n"); good.Add($"c{i}"); }
        }
        File.WriteAllText(Path.Combine(inbox, "table.csv"), csv.ToString());
        File.WriteAllText(Path.Combine(inbox, "no-text-column.csv"), "id,body\n1,x\n");
        bad++;
        // No header row: the first note would be read as the header, and a message listing "the columns" would quote it.
        File.WriteAllText(Path.Combine(inbox, "Roe_Jane_MRN123456.csv"), "17,Mrs Jane Roe (MRN 123456) presents with chest pain\n18,second note\n");
        bad++;
        foreach (var f in Directory.GetFiles(inbox)) File.SetLastWriteTimeUtc(f, DateTime.UtcNow.AddMinutes(-1));
        bad.Should().BeGreaterThanOrEqualTo(100);

        var labels = Path.Combine(_dir, "labels.jsonl");
        var logs = new CapturingLoggerProvider();
        using var host = WorkerHost.Build(_dir, new Dictionary<string, string?>
        {
            ["Model:Package"] = model,
            ["Source:Kind"] = "Folder",
            ["Source:Folder"] = root,
            ["Source:PollInterval"] = "00:00:00.100",
            ["Source:MaxNoteChars"] = "2000",
            ["Sink:JsonlPath"] = labels,
        }, logs);
        await host.StartAsync();
        await WorkerHost.Until(() => Task.FromResult(!Directory.EnumerateFiles(inbox).Any() && !Directory.EnumerateFiles(Path.Combine(root, "processing")).Any()),
            TimeSpan.FromSeconds(60), "the inbox to empty");
        await host.StopAsync();

        var labeled = File.ReadAllLines(labels).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()).ToList();
        labeled.Should().BeEquivalentTo(good);
        var errors = File.ReadAllLines(Path.Combine(root, "errors.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        errors.Should().HaveCount(bad);
        errors.Should().OnlyContain(e => e.GetProperty("code").GetString()!.StartsWith("ATM") && e.GetProperty("reason").GetString()!.Length > 0);
        Directory.GetFiles(Path.Combine(root, "failed")).Should().HaveCount(87, "files with nothing labelable go to failed/");
        File.ReadAllText(Path.Combine(root, "errors.jsonl")).Should().NotContain("Jane Roe", "reasons are coded and text-free");
        logs.Lines.Should().NotContain(l => l.Contains("good-0") || l.Contains("binary-") || l.Contains("Roe_Jane") || l.Contains("MRN123456"),
            "file names carry patient names and MRNs: logs name files by hash");
        logs.Lines.Should().Contain(l => l.Contains(Asclepius.TextMining.Worker.Sources.FolderNoteSource.FileLogId("Roe_Jane_MRN123456.csv")));
        Directory.GetFiles(Path.Combine(root, "done")).Should().HaveCount(62);
        LogCapture.Leaks(logs.Lines, good.Count > 0 ? Enumerable.Range(0, 60).Select(SyntheticNotes.Note) : []).Should().BeEmpty();
    }

    [Fact]
    public async Task A_pipe_or_a_device_dropped_in_the_inbox_is_reported_and_the_worker_goes_on()
    {
        var model = TestPackages.Dictionary(Path.Combine(_dir, "m.zip"));
        var root = Path.Combine(_dir, "notes");
        var inbox = Path.Combine(root, "inbox");
        Directory.CreateDirectory(inbox);
        // Opening a pipe with no writer blocks forever; /dev/zero never ends: before, the worker hung on either.
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", Path.Combine(inbox, "a-pipe.txt"))) mkfifo.WaitForExit();
        File.CreateSymbolicLink(Path.Combine(inbox, "b-zero.jsonl"), "/dev/zero");
        File.WriteAllText(Path.Combine(inbox, "c-good.txt"), SyntheticNotes.Note(1));

        var labels = Path.Combine(_dir, "labels.jsonl");
        using var host = WorkerHost.Build(_dir, new Dictionary<string, string?>
        {
            ["Model:Package"] = model,
            ["Source:Kind"] = "Folder",
            ["Source:Folder"] = root,
            ["Source:PollInterval"] = "00:00:00.100",
            ["Sink:JsonlPath"] = labels,
        }, new CapturingLoggerProvider());
        await host.StartAsync();
        await WorkerHost.Until(() => Task.FromResult(File.Exists(labels) && File.ReadAllText(labels).Contains("c-good")
                && !Directory.EnumerateFileSystemEntries(inbox).Any() && !Directory.EnumerateFileSystemEntries(Path.Combine(root, "processing")).Any()),
            TimeSpan.FromSeconds(30), "the good note labeled and the inbox empty");
        await host.StopAsync();

        var errors = File.ReadAllLines(Path.Combine(root, "errors.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        errors.Select(e => e.GetProperty("code").GetString()).Should().Equal("ATM111", "ATM111");
    }
}
