namespace Asclepius.TextMining.TestKit;

/// <summary>
/// Locates the real corpora in ../shared/data beside the repository. Tests that use it carry
/// [Trait("Category", "Corpus")] and fail, never skip, when the folder is missing: CI runs them with
/// ../shared present, and the README's default test command filters them out.
/// </summary>
public static class SharedData
{
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null)
            {
                if (System.IO.File.Exists(Path.Combine(dir.FullName, "Asclepius.TextMining.sln")))
                {
                    var shared = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
                    if (Directory.Exists(shared)) return shared;
                    throw new DirectoryNotFoundException($"corpus tests need {shared} (the shared data beside the repository); it is missing");
                }
                dir = dir.Parent;
            }
            throw new DirectoryNotFoundException($"no Asclepius.TextMining.sln above {AppContext.BaseDirectory}");
        }
    }

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !System.IO.File.Exists(Path.Combine(dir.FullName, "Asclepius.TextMining.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new DirectoryNotFoundException("repository root not found");
        }
    }
}
