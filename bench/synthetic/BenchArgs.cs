using System.Globalization;

namespace Asclepius.TextMining.Bench.Synthetic;

/// <summary>`mode --key value ...` arguments.</summary>
internal sealed class BenchArgs
{
    private readonly List<string> _positional = new();
    private readonly Dictionary<string, string> _named = new(StringComparer.Ordinal);

    public static BenchArgs Parse(string[] args)
    {
        var a = new BenchArgs();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                var key = args[i][2..];
                a._named[key] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
            }
            else a._positional.Add(args[i]);
        }
        return a;
    }

    public string Positional(int i) => i < _positional.Count ? _positional[i] : "";
    public bool Has(string key) => _named.ContainsKey(key);
    public string Get(string key) => _named.TryGetValue(key, out var v) ? v : throw new ArgumentException($"--{key} is required");
    public int Int(string key, int fallback = 0) => Has(key) ? int.Parse(Get(key), CultureInfo.InvariantCulture) : fallback;
    public double Double(string key, double fallback = 0) => Has(key) ? double.Parse(Get(key), CultureInfo.InvariantCulture) : fallback;
}
