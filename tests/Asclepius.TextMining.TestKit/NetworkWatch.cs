using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Net;

namespace Asclepius.TextMining.TestKit;

/// <summary>
/// Records every outgoing connection, name lookup and HTTP request the runtime reports in this process
/// (EventSources "System.Net.Sockets", "System.Net.NameResolution", "System.Net.Http"), so a test can
/// prove a labeling run talks to nothing but loopback. Dispose to stop listening.
/// </summary>
public sealed class NetworkWatch : EventListener
{
    private static readonly HashSet<string> Sources = ["System.Net.Sockets", "System.Net.NameResolution", "System.Net.Http"];
    private readonly ConcurrentQueue<string> _events = new();
    private readonly ConcurrentQueue<string> _connections = new();
    private readonly ConcurrentQueue<string> _lookups = new();

    /// <summary>Every connect, as the runtime printed the address (e.g. "InterNetwork:16:{...}").</summary>
    public IReadOnlyCollection<string> Connections => _connections;

    /// <summary>Host names resolved.</summary>
    public IReadOnlyCollection<string> Lookups => _lookups;

    public IReadOnlyCollection<string> Events => _events;

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (Sources.Contains(eventSource.Name)) EnableEvents(eventSource, EventLevel.Verbose, EventKeywords.All);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventSource is null || !Sources.Contains(e.EventSource.Name)) return;
        var payload = e.Payload is null ? "" : string.Join("|", e.Payload.Select(p => p?.ToString()));
        _events.Enqueue($"{e.EventSource.Name}/{e.EventName}: {payload}");
        switch (e.EventSource.Name, e.EventName)
        {
            case ("System.Net.Sockets", "ConnectStart"):
                _connections.Enqueue(e.Payload?.FirstOrDefault()?.ToString() ?? "");
                break;
            case ("System.Net.NameResolution", "ResolutionStart"):
                _lookups.Enqueue(e.Payload?.FirstOrDefault()?.ToString() ?? "");
                break;
            case ("System.Net.Http", "RequestStart"):
                // scheme, host, port, path...: a request is also a connection target
                _lookups.Enqueue(e.Payload?.Skip(1).FirstOrDefault()?.ToString() ?? "");
                break;
        }
    }

    /// <summary>Connections and lookups whose target is not a loopback address (or a unix socket).</summary>
    public IReadOnlyList<string> NonLoopback() =>
        _connections.Where(c => !IsLoopbackSocketAddress(c))
            .Concat(_lookups.Where(h => !(h is "localhost" || (IPAddress.TryParse(h, out var ip) && IPAddress.IsLoopback(ip)))))
            .ToList();

    /// <summary>
    /// Reads the runtime's SocketAddress text, "Family:Size:{b,b,...}". The listed bytes follow the family
    /// field (Size - 2 of them: port, then the address); some runtimes list the family bytes too (Size of
    /// them), which shifts everything by two. IPv4: address after the 2 port bytes; IPv6: after port and
    /// flow info (6 bytes). A Unix socket never leaves the machine.
    /// </summary>
    public static bool IsLoopbackSocketAddress(string text)
    {
        var parts = text.Split(':', 3);
        if (parts.Length < 3) return false;
        if (parts[0] == "Unix") return true;
        if (!int.TryParse(parts[1], out var size)) return false;
        var bytes = parts[2].Trim('{', '}').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(byte.Parse).ToArray();
        var shift = bytes.Length >= size ? 2 : 0;
        return parts[0] switch
        {
            "InterNetwork" when bytes.Length >= shift + 6 => IPAddress.IsLoopback(new IPAddress(bytes[(shift + 2)..(shift + 6)])),
            "InterNetworkV6" when bytes.Length >= shift + 22 => IsLoopbackV6(new IPAddress(bytes[(shift + 6)..(shift + 22)])),
            _ => false,
        };
    }

    private static bool IsLoopbackV6(IPAddress ip) => IPAddress.IsLoopback(ip) || (ip.IsIPv4MappedToIPv6 && IPAddress.IsLoopback(ip.MapToIPv4()));
}
