namespace Asclepius.TextMining.Worker.Options;

/// <summary>Section "Sink": where labels go.</summary>
public sealed class SinkOptions
{
    public const string Section = "Sink";

    public SinkKind Kind { get; set; } = SinkKind.Auto;

    /// <summary>SQLite or PostgreSQL sink: the database; empty means the source's own database.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>JSONL sink: the file labeled notes are appended to (native JSONL).</summary>
    public string JsonlPath { get; set; } = "labels.jsonl";
}
