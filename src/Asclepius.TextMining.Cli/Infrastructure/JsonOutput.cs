using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Asclepius.TextMining.Cli.Infrastructure;

/// <summary>Writes a command's --json file: UTF-8 without BOM, indented, final newline; creates the folder.</summary>
public static class JsonOutput
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Write(JsonNode root, string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        File.WriteAllText(path, root.ToJsonString(Indented) + "\n", new UTF8Encoding(false));
    }
}
