using System.Globalization;

namespace Asclepius.TextMining.Cli.Labeling;

/// <summary>Counts of one label run, printed as one line at the end (the benchmark script parses it).</summary>
public sealed class LabelSummary
{
    public long Labeled { get; set; }
    public long Skipped { get; set; }
    public long Failed { get; set; }
    public long Tokens { get; set; }
    public long Entities { get; set; }
    public TimeSpan Elapsed { get; set; }
    public string? ErrorsPath { get; set; }

    public double NotesPerSecond => Elapsed.TotalSeconds > 0 ? Labeled / Elapsed.TotalSeconds : 0;
    public double TokensPerSecond => Elapsed.TotalSeconds > 0 ? Tokens / Elapsed.TotalSeconds : 0;

    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var line = string.Format(c, "labeled {0:N0} notes ({1:N0} tokens, {2:N0} entities) in {3:0.0} s: {4:0.0} notes/s, {5:N0} tokens/s; skipped {6:N0} already labeled; {7:N0} failed",
            Labeled, Tokens, Entities, Elapsed.TotalSeconds, NotesPerSecond, TokensPerSecond, Skipped, Failed);
        return Failed > 0 && ErrorsPath is not null ? $"{line} (see {ErrorsPath})" : line;
    }
}
