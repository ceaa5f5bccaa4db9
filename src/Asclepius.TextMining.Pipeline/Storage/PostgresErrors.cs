using System.Net.Sockets;
using Npgsql;

namespace Asclepius.TextMining.Pipeline.Storage;

/// <summary>Turns driver failures into <see cref="NoteStoreException"/>: the one place Npgsql exceptions are interpreted.</summary>
internal static class PostgresErrors
{
    public static async Task<T> Run<T>(string location, Func<Task<T>> body)
    {
        try
        {
            return await body();
        }
        catch (NoteStoreException ex) when (ex.Location is null)
        {
            throw new NoteStoreException(ex.Reason, ex.Transient, location, ex.InnerException);
        }
        catch (PostgresException ex)
        {
            // Class 08 (connection), 57P01-57P03 (shutdown, crash, starting up), 53 (resources), 40 (serialization, deadlock): try again later.
            var transient = ex.IsTransient || ex.SqlState.StartsWith("08", StringComparison.Ordinal) || ex.SqlState.StartsWith("57P", StringComparison.Ordinal)
                            || ex.SqlState.StartsWith("53", StringComparison.Ordinal) || ex.SqlState.StartsWith("40", StringComparison.Ordinal);
            var hint = ex.SqlState == PostgresErrorCodes.InsufficientPrivilege
                ? " (the worker's role needs the GRANTs `asclepius omop init` prints; docs/OMOP.md)"
                : "";
            throw new NoteStoreException($"PostgreSQL error {ex.SqlState}: {ex.MessageText}{hint}", transient, location, ex);
        }
        catch (NpgsqlException ex)
        {
            throw new NoteStoreException($"cannot reach PostgreSQL: {ex.Message}", transient: true, location, ex);
        }
        catch (Exception ex) when (ex is SocketException or IOException or TimeoutException)
        {
            throw new NoteStoreException($"cannot reach PostgreSQL: {ex.Message}", transient: true, location, ex);
        }
    }
}
