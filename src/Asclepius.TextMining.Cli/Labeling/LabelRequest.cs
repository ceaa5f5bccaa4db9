namespace Asclepius.TextMining.Cli.Labeling;

/// <summary>What `asclepius label` was asked to do, options resolved.</summary>
public sealed record LabelRequest(
    string Model,
    string In,
    string? Out,
    string? InFormat,
    string? OutFormat,
    int Parallel,
    string? IdColumn,
    string? TextColumn,
    string? Errors,
    int MaxNoteChars,
    bool Overwrite,
    string Device = "cpu");
