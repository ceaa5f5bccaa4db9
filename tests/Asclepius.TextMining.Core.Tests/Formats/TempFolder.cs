using System.Text;

namespace Asclepius.TextMining.Core.Tests.Formats;

/// <summary>
/// A throw-away folder for format tests. File contents are strings; "&lt;FF&gt;" is written as the raw byte 0xFF
/// (invalid UTF-8) and "&lt;NUL&gt;" as a NUL byte, so that bad encodings can be spelled in test data.
/// </summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "atm-formats-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, string content)
    {
        var path = File(name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllBytes(path, Encode(content));
        return path;
    }

    public static byte[] Encode(string content)
    {
        var bytes = new List<byte>();
        var i = 0;
        while (i < content.Length)
        {
            if (string.CompareOrdinal(content, i, "<FF>", 0, 4) == 0) { bytes.Add(0xFF); i += 4; continue; }
            if (string.CompareOrdinal(content, i, "<NUL>", 0, 5) == 0) { bytes.Add(0x00); i += 5; continue; }
            var next = i;
            while (next < content.Length && content[next] != '<') next++;
            if (next == i) next++;
            bytes.AddRange(Encoding.UTF8.GetBytes(content.Substring(i, next - i)));
            i = next;
        }
        return bytes.ToArray();
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
