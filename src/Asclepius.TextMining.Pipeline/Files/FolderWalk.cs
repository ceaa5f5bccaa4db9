namespace Asclepius.TextMining.Pipeline.Files;

/// <summary>
/// The files under a folder, recursively, in ordinal path order. Links are followed, but every folder is
/// entered once (a link to an ancestor, or to itself, is not a loop) and every file is listed once: a second
/// path to a file already listed (a link, or a folder reached twice) comes back with <see cref="Entry.SameAs"/>
/// set to the path kept. Folders and files reached without a link are preferred as the path kept, so ids do
/// not depend on where links point. Names starting with '.' are skipped, as hidden.
/// </summary>
public static class FolderWalk
{
    /// <summary>One file: its path, and the path of the same file listed before it when this is a second path to it.</summary>
    public sealed record Entry(string Path, string? SameAs);

    public static IReadOnlyList<Entry> Files(string root)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = false, IgnoreInaccessible = false, AttributesToSkip = 0 };
        var visited = new HashSet<string>(StringComparer.Ordinal) { FileIdentity.Key(root) };
        var pending = new Stack<string>([root]);
        var linked = new Queue<string>();
        var found = new List<(string Path, bool ViaLink)>();
        var viaLink = new HashSet<string>(StringComparer.Ordinal);
        while (pending.Count > 0 || linked.Count > 0)
        {
            string dir;
            if (pending.Count > 0) dir = pending.Pop();
            else
            {
                dir = linked.Dequeue();
                if (!visited.Add(FileIdentity.Key(dir))) continue;
                viaLink.Add(dir);
            }
            var underLink = viaLink.Contains(dir);
            foreach (var entry in new DirectoryInfo(dir).EnumerateFileSystemInfos("*", options))
            {
                if (entry.Name.StartsWith('.')) continue;
                if (entry is DirectoryInfo sub)
                {
                    if (sub.LinkTarget is not null) linked.Enqueue(sub.FullName);
                    else if (visited.Add(FileIdentity.Key(sub.FullName)))
                    {
                        if (underLink) viaLink.Add(sub.FullName);
                        pending.Push(sub.FullName);
                    }
                }
                else found.Add((entry.FullName, underLink || entry.LinkTarget is not null));
            }
        }

        // One path per file: the first reached without a link, else the first in order.
        var keys = found.ToDictionary(f => f.Path, f => FileIdentity.Key(f.Path), StringComparer.Ordinal);
        var kept = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, _) in found.OrderBy(f => f.ViaLink).ThenBy(f => f.Path, StringComparer.Ordinal))
            kept.TryAdd(keys[path], path);
        return found.Select(f => f.Path).Order(StringComparer.Ordinal)
            .Select(p => kept[keys[p]] is var k && k != p ? new Entry(p, k) : new Entry(p, null))
            .ToList();
    }
}
