namespace Asclepius.TextMining.Worker.Options;

/// <summary>Section "Health": an optional GET /healthz on 127.0.0.1 (loopback only, never another interface).</summary>
public sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>Port on 127.0.0.1; 0 turns the endpoint off.</summary>
    public int Port { get; set; }
}
