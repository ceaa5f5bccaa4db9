using Asclepius.TextMining.Core.Formats;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.TestKit;
using Xunit.Abstractions;

namespace Asclepius.TextMining.Core.Tests.Formats;

public class Probe(ITestOutputHelper output)
{
    private void Show(string name, string path, string? format = null, ReadOptions? options = null)
    {
        var report = new ReadReport();
        var sw = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            var detected = CorpusFormats.Resolve(path, null).Name;
            var docs = CorpusFormats.ReadAll(path, format, options ?? new ReadOptions { Lenient = true }, report);
            var ents = string.Join(", ", docs.SelectMany(d => d.Entities).GroupBy(e => e.Label).OrderBy(g => g.Key).Select(g => $"{g.Key}={g.Count()}"));
            var rels = string.Join(", ", docs.SelectMany(d => d.Relations).GroupBy(e => e.Label).OrderBy(g => g.Key).Select(g => $"{g.Key}={g.Count()}"));
            var asrt = string.Join(", ", docs.SelectMany(d => d.Entities).GroupBy(e => e.Assertions).OrderBy(g => g.Key).Select(g => $"{g.Key}={g.Count()}"));
            output.WriteLine($"{name} [{detected}] docs={docs.Count} ents: {ents} | rels: {rels} | asrt: {asrt} | problems={report.Problems.Count} | {sw.ElapsedMilliseconds} ms");
            foreach (var p in report.Problems.Take(5)) output.WriteLine("   " + p);
            foreach (var n in report.Notes) output.WriteLine($"   note {n.Key} = {n.Value}");
        }
        catch (Exception e) { output.WriteLine($"{name} EXC {e.GetType().Name}: {e.Message}"); }
    }

    [Fact]
    [Trait("Category", "Probe")]
    public void Dump()
    {
        var d = SharedData.Root;
        foreach (var f in Directory.GetFiles(Path.Combine(d, "bc5cdr/pubtator"), "CDR*")) Show(Path.GetFileName(f), f);
        foreach (var f in Directory.GetFiles(Path.Combine(d, "bc5cdr/bio"))) Show(Path.GetFileName(f), f, "conll");
        Show("ade", Path.Combine(d, "ade_corpus_v2"));
        foreach (var f in Directory.GetFiles(Path.Combine(d, "chemprot"), "*.jsonl")) Show(Path.GetFileName(f), f);
        foreach (var f in Directory.GetFiles(Path.Combine(d, "negex"), "*.txt")) Show(Path.GetFileName(f), f);
        foreach (var ds in new[] { "gad", "euadr" })
        {
            int docs = 0, pos = 0, probs = 0;
            foreach (var f in Directory.GetFiles(Path.Combine(d, ds), "*.tsv", SearchOption.AllDirectories))
            {
                var r = new ReadReport();
                var x = CorpusFormats.ReadAll(f, null, new ReadOptions { Lenient = true }, r);
                docs += x.Count; pos += x.Count(a => a.Relations.Count > 0); probs += r.Problems.Count;
            }
            output.WriteLine($"{ds} docs={docs} pos={pos} problems={probs}");
            Show(ds + "/fold_1/test", Path.Combine(d, ds, "fold_1", "test.tsv"));
        }
        Show("mtsamples", Path.Combine(d, "mtsamples/mtsamples_sample.csv"));
        Show("pmc", Path.Combine(d, "pmc_patients/pmc_patients_sample.csv"));
        Show("synth", Path.Combine(d, "synthetic_notes/synthetic_notes.csv"));
    }
}
