namespace Asclepius.TextMining.TestKit;

/// <summary>
/// Locates the real corpora in ../shared/data beside the repository. Tests that use it carry
/// [Trait("Category", "Corpus")] and fail, never skip, when the folder is missing: CI runs them with
/// ../shared present, and the README's default test command filters them out.
/// </summary>
public static class SharedData
{
    /// <summary>
    /// The nearest <c>shared/data</c> folder walking up from the test binaries: <c>&lt;repo&gt;/../shared/data</c> for the
    /// main checkout, and still found from a git worktree nested deeper (e.g. <c>/work/wt/x</c> finds <c>/work/shared/data</c>).
    /// </summary>
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null)
            {
                var shared = Path.Combine(dir.FullName, "shared", "data");
                if (Directory.Exists(shared)) return shared;
                dir = dir.Parent;
            }
            throw new DirectoryNotFoundException(
                $"corpus tests need the shared data (<repo>/../shared/data); no shared/data folder above {AppContext.BaseDirectory}");
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
