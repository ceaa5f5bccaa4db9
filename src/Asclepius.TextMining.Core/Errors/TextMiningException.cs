namespace Asclepius.TextMining.Core.Errors;

/// <summary>
/// An expected failure with a stable code a user can search for (see <see cref="ErrorCodes"/>) and the
/// place it happened: "file:line", a note id, a package entry. The CLI prints it without a stack trace.
/// </summary>
public class TextMiningException : Exception
{
    public TextMiningException(string code, string message, string? location = null, Exception? inner = null)
        : base(Format(code, message, location), inner)
    {
        Code = code;
        Reason = message;
        Location = location;
    }

    public string Code { get; }
    public string Reason { get; }
    public string? Location { get; }

    private static string Format(string code, string message, string? location) =>
        location is null ? $"[{code}] {message}" : $"[{code}] {location}: {message}";
}
