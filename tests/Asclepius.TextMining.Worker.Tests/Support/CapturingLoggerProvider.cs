using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Asclepius.TextMining.Worker.Tests.Support;

/// <summary>Keeps every log line of an in-process host (message, event id, exception text) for the privacy checks.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(int EventId, LogLevel Level, string Text)> _lines = new();

    public IReadOnlyCollection<(int EventId, LogLevel Level, string Text)> Entries => _lines;

    public IEnumerable<string> Lines => _lines.Select(l => l.Text);

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose() { }

    private sealed class Logger(string category, ConcurrentQueue<(int, LogLevel, string)> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue((eventId.Id, logLevel, $"{category}[{eventId.Id}] {formatter(state, exception)} {exception}"));
    }
}
