using Asclepius.TextMining.Core.Errors;
using Npgsql;

namespace Asclepius.TextMining.Pipeline.Storage;

/// <summary>
/// Recognizes and normalizes a PostgreSQL location given on a command line or in configuration: a URI
/// (postgres://user:password@host:port/database?sslmode=require) or an Npgsql connection string
/// ("Host=...;Database=..."). The password never appears in what <see cref="Describe"/> returns.
/// </summary>
public static class PostgresConnectionString
{
    public static bool IsPostgres(string value) =>
        value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        || value.TrimStart().StartsWith("Host=", StringComparison.OrdinalIgnoreCase)
        || value.Contains(";Host=", StringComparison.OrdinalIgnoreCase);

    public static string Normalize(string value)
    {
        if (!value.Contains("://", StringComparison.Ordinal)) return new NpgsqlConnectionStringBuilder(value).ConnectionString;
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != "postgres" && uri.Scheme != "postgresql"))
            throw new TextMiningException(ErrorCodes.StoreUnavailable, "not a valid postgres:// URI", "--in");
        var b = new NpgsqlConnectionStringBuilder { Host = uri.Host, Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port };
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            b.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2) b.Password = Uri.UnescapeDataString(parts[1]);
        }
        var db = uri.AbsolutePath.Trim('/');
        if (db.Length > 0) b.Database = Uri.UnescapeDataString(db);
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(kv[0]);
            var val = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "";
            try { b[key.Equals("sslmode", StringComparison.OrdinalIgnoreCase) ? "SSL Mode" : key] = val; }
            catch (ArgumentException ex) { throw new TextMiningException(ErrorCodes.StoreUnavailable, $"unknown connection parameter '{key}': {ex.Message}", "postgres URI"); }
        }
        return b.ConnectionString;
    }

    /// <summary>Host, port and database, for messages and logs (no user name, no password).</summary>
    public static string Describe(string value)
    {
        try
        {
            var b = new NpgsqlConnectionStringBuilder(value.Contains("://", StringComparison.Ordinal) ? Normalize(value) : value);
            return $"postgres {b.Host}:{b.Port}/{b.Database}";
        }
        catch (Exception ex) when (ex is ArgumentException or TextMiningException or UriFormatException)
        {
            return "postgres (unparsable connection string)";
        }
    }
}
