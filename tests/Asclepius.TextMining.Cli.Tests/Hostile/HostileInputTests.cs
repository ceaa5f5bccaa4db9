using System.Diagnostics;
using System.Text;
using Asclepius.TextMining.Cli.Tests.Support;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Cli.Tests.Hostile;

/// <summary>
/// The hostile-input suite (issue #14): kinds of trouble a file system, an export tool or an attacker hands the
/// commands that read notes — pipes and devices where a file is expected, runaway nesting and numbers, other
/// encodings and line ends, markup in notes and labels, odd names and depths. Each kind runs through every
/// command that reads it (label, stats, convert, evaluate, view; a model through label and evaluate --model)
/// and must end within a bound with exit 0, 1 or 3, a coded error ([ATMnnn]) when not 0, no stack trace, no
/// note text in stdout, stderr or an errors report, and — for label — every good note of the input labeled.
/// </summary>
[Collection("console")]
public sealed class HostileInputTests : IDisposable
{
    private const string Marker = "Qv7Roe-MRN-448812";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly TempDir _dir = new();
    private readonly string _model;

    public HostileInputTests() => _model = TestPackages.Dictionary(_dir.File("m.zip"));

    public void Dispose() => _dir.Dispose();

    /// <summary>A kind of trouble: how to make it (returns the input path) and the ids of the notes in it that must be labeled.</summary>
    private sealed record Kind(Func<TempDir, string> Make, string[] Good, bool Model = false);

    private static string Write(TempDir dir, string name, string content)
    {
        var path = dir.File(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    private static string WriteBytes(TempDir dir, string name, byte[] content)
    {
        var path = dir.File(name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private static void MakeFifo(string path)
    {
        using var p = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        p.WaitForExit();
        p.ExitCode.Should().Be(0, "mkfifo must work on a Linux test machine");
    }

    private static string NotesFolder(TempDir dir)
    {
        var folder = dir.File("notes");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "good.txt"), $"{Marker} takes aspirin for hypertension");
        return folder;
    }

    private static readonly string GoodLine = $"{{\"id\":\"good\",\"text\":\"{Marker} takes aspirin\"}}\n";

    private static readonly Dictionary<string, Kind> Kinds = new()
    {
        // A named pipe among the notes: opening it blocks until someone writes (forever, here).
        ["fifo-in-notes-folder"] = new(d => { var f = NotesFolder(d); MakeFifo(Path.Combine(f, "pipe.txt")); return f; }, ["good"]),
        // A link to /dev/zero among the notes: a file that never ends.
        ["dev-zero-link-in-notes-folder"] = new(d => { var f = NotesFolder(d); File.CreateSymbolicLink(Path.Combine(f, "zero.txt"), "/dev/zero"); return f; }, ["good"]),
        // The input itself is a pipe.
        ["fifo-as-input-file"] = new(d => { var p = d.File("pipe.jsonl"); MakeFifo(p); return p; }, []),
        // The input itself is a character device.
        ["dev-zero-link-as-input-file"] = new(d => { var p = d.File("zero.jsonl"); File.CreateSymbolicLink(p, "/dev/zero"); return p; }, []),
        // The model is a pipe or a device.
        ["fifo-as-model"] = new(d => { var p = d.File("pipe.zip"); MakeFifo(p); return p; }, [], Model: true),
        ["dev-zero-link-as-model"] = new(d => { var p = d.File("zero.zip"); File.CreateSymbolicLink(p, "/dev/zero"); return p; }, [], Model: true),
        // JSON nested 100,000 deep inside a record's metadata (a recursive parser would overflow the stack).
        ["json-nested-100000-deep"] = new(d => Write(d, "deep.jsonl", GoodLine + "{\"id\":\"deep\",\"text\":\"" + Marker + "\",\"metadata\":" + new string('[', 100_000) + new string(']', 100_000) + "}\n"), ["good"]),
        // One key twice in a record: which id is meant?
        ["json-duplicate-keys"] = new(d => Write(d, "dup.jsonl", GoodLine + $"{{\"id\":\"a\",\"id\":\"b\",\"text\":\"{Marker} x\",\"text\":\"{Marker} y\"}}\n"), ["good"]),
        // Offsets and numbers past every integer type.
        ["offsets-beyond-int"] = new(d => Write(d, "big.jsonl", GoodLine + $"{{\"id\":\"big\",\"text\":\"{Marker}\",\"entities\":[{{\"id\":\"T1\",\"start\":99999999999,\"end\":1e400,\"label\":\"Chemical\",\"text\":\"x\"}}]}}\n"), ["good"]),
        // A relation from an entity to itself and one to an entity that is not there.
        ["relation-self-loop-and-dangling"] = new(d => Write(d, "rel.jsonl", GoodLine + $"{{\"id\":\"rel\",\"text\":\"{Marker} aspirin\",\"entities\":[{{\"id\":\"T1\",\"start\":0,\"end\":3,\"label\":\"Chemical\",\"text\":\"Qv7\"}}],\"relations\":[{{\"id\":\"R1\",\"label\":\"CID\",\"head\":\"T1\",\"tail\":\"T1\"}},{{\"id\":\"R2\",\"label\":\"CID\",\"head\":\"T1\",\"tail\":\"T9\"}}]}}\n"), ["good"]),
        // UTF-16 with its BOM, as Windows tools export.
        ["utf16-file"] = new(d => WriteBytes(d, "u16.jsonl", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(GoodLine)]), []),
        // Old Mac line ends: one "line" holding every record.
        ["cr-only-line-ends"] = new(d => Write(d, "cr.jsonl", GoodLine.TrimEnd('\n') + "\r" + GoodLine.Replace("good", "other").TrimEnd('\n') + "\r"), []),
        // An escaped NUL inside a JSON string.
        ["escaped-nul-in-text"] = new(d => Write(d, "nul.jsonl", GoodLine + $"{{\"id\":\"nul\",\"text\":\"{Marker}\\u0000 aspirin\"}}\n"), ["good"]),
        // A gzip stream named .txt.
        ["gzip-named-txt"] = new(d => { var f = NotesFolder(d); File.WriteAllBytes(Path.Combine(f, "archive.txt"), [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x4B, 0x4C, 0x4A, 0x06, 0x00]); return f; }, ["good"]),
        // Markup in a note, a label and a metadata key: the viewer's page must not run it.
        ["html-and-script-in-notes"] = new(d => Write(d, "xss.jsonl", $"{{\"id\":\"x\",\"text\":\"{Marker} </script><img src=x onerror=alert(1)> aspirin\",\"entities\":[{{\"id\":\"T1\",\"start\":0,\"end\":3,\"label\":\"<svg onload=alert(2)>\",\"text\":\"Qv7\"}}],\"metadata\":{{\"k\\\"><b onclick=alert(3)>\":\"</script><script>alert(4)</script>\"}}}}\n"), ["x"]),
        // An empty id and a 20,000-character id.
        ["empty-and-huge-ids"] = new(d => Write(d, "ids.jsonl", GoodLine + $"{{\"id\":\"\",\"text\":\"{Marker}\"}}\n{{\"id\":\"{new string('i', 20_000)}\",\"text\":\"{Marker} aspirin\"}}\n"), ["good"]),
        // A file name holding a line break (it lands in messages and reports).
        ["line-break-in-file-name"] = new(d => { var f = NotesFolder(d); File.WriteAllText(Path.Combine(f, "a\nforged: [ATM000] line.txt"), $"{Marker} heparin"); return f; }, ["good"]),
        // A note 200 folders deep.
        ["notes-200-folders-deep"] = new(d =>
        {
            var f = NotesFolder(d);
            var deep = Path.Combine([f, .. Enumerable.Repeat("d", 200)]);
            Directory.CreateDirectory(deep);
            File.WriteAllText(Path.Combine(deep, "deep.txt"), $"{Marker} metformin");
            return f;
        }, ["good"]),
        // BRAT offsets past int and an .ann without its .txt.
        ["brat-offsets-beyond-int-and-lone-ann"] = new(d =>
        {
            var f = d.File("brat");
            Directory.CreateDirectory(f);
            File.WriteAllText(Path.Combine(f, "a.txt"), $"{Marker} aspirin");
            File.WriteAllText(Path.Combine(f, "a.ann"), "T1\tChemical 0 99999999999\taspirin\n");
            File.WriteAllText(Path.Combine(f, "b.ann"), "T1\tChemical 0 3\tQv7\n");
            return f;
        }, []),
        // PubTator offsets past int, and a title line that claims another document.
        ["pubtator-offsets-beyond-int"] = new(d => Write(d, "p.pubtator", $"1|t|{Marker} aspirin\n1|a|x\n1\t0\t99999999999\taspirin\tChemical\tD1\n2|t|{Marker}\n\n"), []),
        // A CSV whose first quoted field never closes: the rest of the file is one field.
        ["csv-unterminated-quote"] = new(d => Write(d, "q.csv", $"id,text\ngood,{Marker} takes aspirin\nbad,\"{Marker} never closed\nthird,aspirin\n"), ["good"]),
        // CoNLL of bare -DOCSTART- lines only.
        ["conll-only-docstarts"] = new(d => Write(d, "d.conll", "-DOCSTART-\tO\n\n-DOCSTART-\tO\n"), []),
    };

    private static readonly string[] Commands = ["label", "stats", "convert", "evaluate", "view"];
    private static readonly string[] ModelCommands = ["label", "evaluate --model"];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, kind) in Kinds)
            foreach (var command in kind.Model ? ModelCommands : Commands)
                data.Add(name, command);
        return data;
    }

    private CliResult Run(string command, string input)
    {
        string[] args = command switch
        {
            "label" => ["label", "-m", _model, "-i", input, "-o", _dir.File("out.jsonl"), "--errors", _dir.File("label.errors.jsonl")],
            "stats" => ["stats", input],
            "convert" => ["convert", input, _dir.File("converted.jsonl")],
            "evaluate" => ["evaluate", "--gold", input, "--pred", input],
            "view" => ["view", "--in", input, "--out", _dir.File("view.html")],
            _ => throw new ArgumentException(command),
        };
        var run = Task.Run(() => CliRunner.Run(args));
        run.Wait(Bound).Should().BeTrue($"'{command}' must end within {Bound.TotalSeconds} s, not hang");
        return run.Result;
    }

    private CliResult RunWithModel(string command, string model)
    {
        var notes = Write(_dir, "notes.jsonl", GoodLine);
        string[] args = command == "label"
            ? ["label", "-m", model, "-i", notes, "-o", _dir.File("out.jsonl")]
            : ["evaluate", "--model", model, "--gold", notes];
        var run = Task.Run(() => CliRunner.Run(args));
        run.Wait(Bound).Should().BeTrue($"'{command}' must end within {Bound.TotalSeconds} s, not hang");
        return run.Result;
    }

    private static string ReadIfThere(string path) => File.Exists(path) ? File.ReadAllText(path) : "";

    [Theory]
    [MemberData(nameof(Cases))]
    public void Hostile_input_ends_with_a_coded_result_no_trace_no_note_text_and_nothing_good_lost(string kind, string command)
    {
        var k = Kinds[kind];
        var input = k.Make(_dir);
        var result = k.Model ? RunWithModel(command, input) : Run(command, input);

        result.ExitCode.Should().BeOneOf([CliApp.Ok, CliApp.Failed, CliApp.SomeInputsFailed], result.ToString());
        (result.Out + result.Error).Should().NotContain("Unhandled exception").And.NotContain("   at Asclepius", result.ToString());
        if (result.ExitCode == CliApp.Failed) result.Error.Should().MatchRegex(@"\[ATM\d{3}\]", result.ToString());
        if (result.ExitCode == CliApp.SomeInputsFailed)
            (result.Error + ReadIfThere(_dir.File("label.errors.jsonl"))).Should().MatchRegex(@"ATM\d{3}", "what was skipped is said with its code\n" + result);
        result.Out.Should().NotContain(Marker, result.ToString());
        result.Error.Should().NotContain(Marker, result.ToString());
        foreach (var report in Directory.GetFiles(_dir.Path, "*errors*", SearchOption.AllDirectories))
            File.ReadAllText(report).Should().NotContain(Marker, report);

        if (command == "label" && !k.Model)
        {
            var labeled = File.Exists(_dir.File("out.jsonl")) ? File.ReadAllText(_dir.File("out.jsonl")) : "";
            foreach (var id in k.Good) labeled.Should().Contain($"\"id\":\"{id}\"", $"good note '{id}' must be labeled\n{result}");
        }
        if (command == "view" && File.Exists(_dir.File("view.html")))
        {
            var html = File.ReadAllText(_dir.File("view.html"));
            html.Should().NotContain("<img src=x").And.NotContain("<svg onload").And.NotContain("<b onclick").And.NotContain("<script>alert");
        }
    }

    [Theory]
    [InlineData("label")]
    [InlineData("convert")]
    [InlineData("view")]
    [InlineData("stats --json")]
    [InlineData("evaluate --json")]
    public void An_output_on_a_full_disk_is_a_coded_error(string command)
    {
        // /dev/full refuses every write with ENOSPC, as a full disk does.
        var notes = Write(_dir, "notes.jsonl", GoodLine);
        string[] args = command switch
        {
            "label" => ["label", "-m", _model, "-i", notes, "-o", "/dev/full", "--out-format", "jsonl"],
            "convert" => ["convert", notes, "/dev/full", "--to", "jsonl"],
            "view" => ["view", "--in", notes, "--out", "/dev/full"],
            "stats --json" => ["stats", notes, "--json", "/dev/full"],
            _ => ["evaluate", "--gold", notes, "--pred", notes, "--json", "/dev/full"],
        };

        var result = CliRunner.Run(args);

        result.ExitCode.Should().Be(CliApp.Failed, result.ToString());
        result.Error.Should().MatchRegex(@"\[ATM\d{3}\]", result.ToString());
        (result.Out + result.Error).Should().NotContain("   at ").And.NotContain(Marker);
    }
}
