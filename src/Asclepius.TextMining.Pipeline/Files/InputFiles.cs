using Asclepius.TextMining.Core.Errors;

namespace Asclepius.TextMining.Pipeline.Files;

/// <summary>
/// Everything a run reads (the notes, the model package). An output, its progress file or an errors report
/// may not be one of these files, under any name (a hard or symbolic link included), may not lie inside an
/// input folder, and may not be a folder that holds an input: with or without --overwrite, labeling never
/// writes over what it reads (ATM705).
/// </summary>
public sealed class InputFiles
{
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
    private readonly List<string> _realPaths = new();
    private readonly List<string> _folders = new();

    private InputFiles() { }

    /// <summary>The inputs: files, and folders with every file under them.</summary>
    public static InputFiles Of(params IEnumerable<string> paths)
    {
        var inputs = new InputFiles();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                inputs._folders.Add(FileIdentity.RealPath(path));
                foreach (var entry in FolderWalk.Files(path)) inputs.Add(entry.Path);
            }
            else if (File.Exists(path)) inputs.Add(path);
        }
        return inputs;
    }

    private void Add(string file)
    {
        _keys.Add(FileIdentity.Key(file));
        _realPaths.Add(FileIdentity.RealPath(file));
    }

    /// <summary>Throws ATM705 when writing <paramref name="output"/> (named by <paramref name="option"/>) could change an input.</summary>
    public void CheckOutput(string output, string option)
    {
        var real = FileIdentity.RealPath(output);
        var sep = Path.DirectorySeparatorChar;
        if ((File.Exists(output) && _keys.Contains(FileIdentity.Key(output))) || _realPaths.Contains(real, StringComparer.Ordinal))
            throw new TextMiningException(ErrorCodes.OutputIsInput, $"{option} names a file this run reads; choose another path (the input is never overwritten, not even with --overwrite)", output);
        if (_folders.Any(f => real == f || real.StartsWith(f.TrimEnd(sep) + sep, StringComparison.Ordinal)))
            throw new TextMiningException(ErrorCodes.OutputIsInput, $"{option} is inside the input folder; choose a path outside it", output);
        if (_realPaths.Concat(_folders).Any(p => p.StartsWith(real.TrimEnd(sep) + sep, StringComparison.Ordinal)))
            throw new TextMiningException(ErrorCodes.OutputIsInput, $"{option} is a folder that holds an input of this run; choose another path", output);
    }
}
