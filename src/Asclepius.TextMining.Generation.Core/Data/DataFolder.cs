using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Schema;

namespace Asclepius.TextMining.Generation.Data;

/// <summary>
/// Finds the project's data folder (schemas, lexicons, prompts, styles, templates): the folder named
/// by ASCLEPIUS_DATA, else a data/ copied beside the program, else data/ at the repository root found
/// by walking up from the program's folder (running from a build tree).
/// </summary>
public static class DataFolder
{
    public const string EnvironmentVariable = "ASCLEPIUS_DATA";

    public static string Resolve() => TryResolve(AppContext.BaseDirectory)
        ?? throw new TextMiningException(ErrorCodes.ProviderConfiguration,
            $"the data folder (schemas, lexicons, prompts) was not found beside the program or above {AppContext.BaseDirectory}; set {EnvironmentVariable}");

    public static string? TryResolve(string startDirectory)
    {
        var fromEnv = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv)) return Directory.Exists(fromEnv) ? Path.GetFullPath(fromEnv) : null;
        for (var dir = new DirectoryInfo(startDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "data");
            if (Directory.Exists(Path.Combine(candidate, "schemas"))) return candidate;
            if (File.Exists(Path.Combine(dir.FullName, "Asclepius.TextMining.sln"))) break;
        }
        return null;
    }

    /// <summary>The shipped schema names (data/schemas/*.json without extension).</summary>
    public static IReadOnlyList<string> SchemaNames(string dataFolder)
    {
        var dir = Path.Combine(dataFolder, "schemas");
        return Directory.Exists(dir)
            ? Directory.EnumerateFiles(dir, "*.json").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal).ToArray()
            : Array.Empty<string>();
    }

    /// <summary>A schema file path, or the name of a shipped schema ("chemical-disease").</summary>
    public static string ResolveSchemaPath(string pathOrName, string? dataFolder)
    {
        if (File.Exists(pathOrName)) return Path.GetFullPath(pathOrName);
        if (dataFolder is not null)
        {
            var shipped = Path.Combine(dataFolder, "schemas", pathOrName + ".json");
            if (File.Exists(shipped)) return shipped;
        }
        var names = dataFolder is null ? "none (no data folder)" : string.Join(", ", SchemaNames(dataFolder));
        throw new TextMiningException(ErrorCodes.SchemaInvalid, $"no schema file '{pathOrName}' and no shipped schema of that name; shipped schemas: {names}");
    }

    public static LabelSchema LoadSchema(string pathOrName, string? dataFolder) => LabelSchema.Load(ResolveSchemaPath(pathOrName, dataFolder));
}
