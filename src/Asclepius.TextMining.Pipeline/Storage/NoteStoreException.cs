using Asclepius.TextMining.Core.Errors;

namespace Asclepius.TextMining.Pipeline.Storage;

/// <summary>
/// A note database failed. <see cref="Transient"/>: the server went away or is restarting (retry later);
/// otherwise the configuration or the schema is wrong (retrying will not help).
/// </summary>
public sealed class NoteStoreException(string message, bool transient, string? location = null, Exception? inner = null)
    : TextMiningException(ErrorCodes.StoreUnavailable, message, location, inner)
{
    public bool Transient { get; } = transient;
}
