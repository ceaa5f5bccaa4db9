using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Pipeline.Notes;

namespace Asclepius.TextMining.Pipeline.Storage;

/// <summary>
/// The reasons stored for notes that were not labeled (work table last_error, the worker folder's errors.jsonl): built here from the
/// error code, the exception type and the note's position, never from a message. Reader and component
/// messages can quote a note ("differs from the text at …: \"…\"", a CSV header that was a note), so they
/// stay out of everything the worker writes.
/// </summary>
public static class FailureReasons
{
    private static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal)
    {
        [ErrorCodes.MalformedRecord] = "a record that does not parse",
        [ErrorCodes.OffsetsOutOfRange] = "offsets out of range",
        [ErrorCodes.TextMismatch] = "annotation text differs from the note at its offsets",
        [ErrorCodes.InvalidEncoding] = "not valid UTF-8, or binary content",
        [ErrorCodes.EmptyInput] = "no text (NULL, empty or blank), or a file with no notes",
        [ErrorCodes.UnknownFormat] = "not a note format the worker reads",
        [ErrorCodes.DanglingReference] = "a relation names an entity that does not exist",
        [ErrorCodes.DuplicateId] = "a duplicate id",
        [ErrorCodes.InputTooLarge] = "over the size limit (Source:MaxNoteChars)",
        [ErrorCodes.MissingColumn] = "a missing column or a wrong column count",
        [ErrorCodes.UnreadableInput] = "could not be read",
        [ErrorCodes.ComponentFailed] = "a component failed on this note",
    };

    /// <summary>A note that could not be read or checked: the code's description and where it is.</summary>
    public static string For(NoteProblem problem) =>
        Describe(problem.Code) + (problem.Line is { } line ? $" (line {line})" : "");

    /// <summary>A note a component failed on: the code's description and the exception type.</summary>
    public static string For(LabelOutcome failure) =>
        $"{Describe(failure.ErrorCode ?? ErrorCodes.ComponentFailed)} ({failure.ExceptionType ?? "unknown exception"})";

    private static string Describe(string code) => Descriptions.TryGetValue(code, out var d) ? d : "could not be labeled";
}
