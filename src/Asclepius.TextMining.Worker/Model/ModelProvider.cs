using System.Security.Cryptography;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Packaging;
using Asclepius.TextMining.Pipeline;
using Asclepius.TextMining.Worker.Labeling;
using Asclepius.TextMining.Worker.Logging;
using Asclepius.TextMining.Worker.Options;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Asclepius.TextMining.Worker.Model;

/// <summary>
/// Holds the pipeline the worker labels with and swaps it when the package file changes (after the
/// changes settle, as ML.NET's FileModelLoader does). A new file must open and verify (hashes, kinds,
/// schema) and label a smoke-test sentence before it replaces the current pipeline; if it does not, the
/// current one stays and the refusal is logged. Batches in flight keep the pipeline they started with,
/// so each batch is labeled and recorded by one model version.
/// </summary>
public sealed class ModelProvider : IHostedService, IDisposable
{
    private static readonly Document Smoke = new("smoke-test", "Patient denies chest pain. Takes aspirin 81 mg daily for coronary artery disease.");
    private readonly ModelOptions _options;
    private readonly ILogger<ModelProvider> _logger;
    private readonly WorkerStatus _status;
    private readonly object _gate = new();
    private readonly TaskCompletionSource _firstLoad = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private FileSystemWatcher? _watcher;
    private Timer? _debounce;
    private Timer? _poll;
    private string? _currentHash;
    private (long Length, DateTime Written) _seen;
    private volatile ExtractionPipeline? _current;

    public ModelProvider(IOptions<ModelOptions> options, ILogger<ModelProvider> logger, WorkerStatus status)
    {
        _options = options.Value;
        _logger = logger;
        _status = status;
        PackagePath = Path.GetFullPath(_options.Package);
    }

    public string PackagePath { get; }

    public ExtractionPipeline? Current => _current;

    /// <summary>Raised after a new pipeline replaced the old one.</summary>
    public event Action<ExtractionPipeline>? Swapped;

    /// <summary>The current pipeline, waiting for a first package to appear if there is none yet.</summary>
    public async Task<ExtractionPipeline> WaitAsync(CancellationToken cancellationToken)
    {
        var current = _current;
        if (current is not null) return current;
        await _firstLoad.Task.WaitAsync(cancellationToken);
        return _current!;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!TryReload() && !File.Exists(PackagePath)) Log.ModelMissing(_logger, PackagePath);
        if (_options.Reload)
        {
            var dir = Path.GetDirectoryName(PackagePath)!;
            _debounce = new Timer(_ => TryReload(), null, Timeout.Infinite, Timeout.Infinite);
            if (Directory.Exists(dir))
            {
                _watcher = new FileSystemWatcher(dir, Path.GetFileName(PackagePath))
                {
                    NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
                };
                _watcher.Changed += (_, _) => Changed();
                _watcher.Created += (_, _) => Changed();
                _watcher.Renamed += (_, _) => Changed();
                _watcher.EnableRaisingEvents = true;
            }
            _poll = new Timer(_ => Poll(), null, _options.PollInterval, _options.PollInterval);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (_watcher is not null) _watcher.EnableRaisingEvents = false;
        _poll?.Change(Timeout.Infinite, Timeout.Infinite);
        _debounce?.Change(Timeout.Infinite, Timeout.Infinite);
        return Task.CompletedTask;
    }

    private void Changed() => _debounce?.Change(_options.ReloadDebounce, Timeout.InfiniteTimeSpan);

    private void Poll()
    {
        try
        {
            var info = new FileInfo(PackagePath);
            if (!info.Exists) return;
            if ((info.Length, info.LastWriteTimeUtc) != _seen) Changed();
        }
        catch (IOException) { /* next poll */ }
    }

    /// <summary>Loads the package file if it differs from the current one. True when a pipeline is (now) loaded from the file as it is.</summary>
    public bool TryReload()
    {
        lock (_gate)
        {
            byte[] bytes;
            try
            {
                var info = new FileInfo(PackagePath);
                if (!info.Exists) return false;
                if (Core.Files.SpecialFile.Is(PackagePath)) throw new IOException(Core.Files.SpecialFile.Reason);
                _seen = (info.Length, info.LastWriteTimeUtc);
                bytes = File.ReadAllBytes(PackagePath);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Log.ModelRejected(_logger, PackagePath, ErrorCodes.UnreadableInput, _current?.ModelIdentity ?? "no model");
                return false;
            }
            var hash = Convert.ToHexString(SHA256.HashData(bytes));
            if (hash == _currentHash) return true;
            ExtractionPipeline next;
            try
            {
                next = ExtractionPipeline.Load(ModelPackage.Open(bytes, PackagePath, ComponentCatalog.KnownKinds), _options.Device);
                next.Process(Smoke);
            }
            catch (TextMiningException ex)
            {
                Log.ModelRejected(_logger, PackagePath, ex.Code, _current?.ModelIdentity ?? "no model");
                _currentHash = null; // a later fixed copy with the same bytes as before must load again
                return false;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Log.ModelRejected(_logger, PackagePath, $"{ErrorCodes.ComponentFailed} {ex.GetType().Name}", _current?.ModelIdentity ?? "no model");
                _currentHash = null;
                return false;
            }
            var old = _current;
            _current = next;
            _currentHash = hash;
            _status.Model = next.ModelIdentity;
            if (old is null)
            {
                Log.ModelLoaded(_logger, next.ModelIdentity, PackagePath);
                _firstLoad.TrySetResult();
            }
            else
            {
                Log.ModelSwapped(_logger, old.ModelIdentity, next.ModelIdentity);
                Swapped?.Invoke(next);
            }
            return true;
        }
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _debounce?.Dispose();
        _poll?.Dispose();
    }
}
