using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Generation.Contracts;
using Asclepius.TextMining.Generation.Validation;

namespace Asclepius.TextMining.Generation.Runs;

/// <summary>
/// Runs a generator until DIR/data.jsonl holds the target number of valid, distinct documents, and
/// keeps DIR/run.json as its checkpoint.
/// <para>Resuming: a rerun in the same folder reloads the kept texts into the duplicate index, cuts a
/// partial last line left by a crash, and continues from the next batch index in run.json. Batch i
/// is always asked with a seed derived from (run seed, i), so a rerun never asks the batches again.</para>
/// <para>Order: up to <see cref="GenerationRunOptions.Concurrency"/> batches are in flight, but they
/// are validated and written strictly in batch order. With a generator that answers the same request
/// the same way (the offline one), data.jsonl is identical for any concurrency; with an LLM the order
/// of lines still follows the batch order, whatever order the answers came back in.
/// When the target is reached mid-batch, the rest of that batch is unused (not counted as dropped);
/// batches still in flight are cancelled and their indexes are free for a later rerun.</para>
/// <para>Token budget: checked after each batch; batches already in flight still finish and are used,
/// so a run may pass the budget by up to Concurrency-1 calls.</para>
/// </summary>
public sealed class GenerationRunner
{
    public const string DataFileName = "data.jsonl";
    public const string ManifestFileName = "run.json";

    private readonly ISampleGenerator _generator;
    private readonly SampleValidator _validator;
    private readonly GenerationRunOptions _options;
    private UsageLedger? _ledger;

    public GenerationRunner(ISampleGenerator generator, SampleValidator validator, GenerationRunOptions options)
    {
        _generator = generator;
        _validator = validator;
        _options = options;
        if (options.TargetCount < 0) throw new ArgumentOutOfRangeException(nameof(options), "the target count must be >= 0");
        if (options.BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(options), "the batch size must be >= 1");
        if (options.Concurrency < 1) throw new ArgumentOutOfRangeException(nameof(options), "the concurrency must be >= 1");
    }

    public string DataPath => Path.Combine(_options.OutputDirectory, DataFileName);
    public string ManifestPath => Path.Combine(_options.OutputDirectory, ManifestFileName);

    /// <summary>The seed batch <paramref name="batchIndex"/> of a run seeded with <paramref name="runSeed"/> is asked with.</summary>
    public static int BatchSeed(int runSeed, long batchIndex)
    {
        var z = (ulong)(uint)runSeed * 0x9E3779B97F4A7C15UL + (ulong)batchIndex * 0xD1B54A32D192ED03UL + 0x632BE59BD9B4E019UL;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9UL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebUL;
        z ^= z >> 31;
        return (int)(z & 0x7FFFFFFF);
    }

    public static string SchemaSha256(Core.Schema.LabelSchema schema) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(schema.ToJson())));

    /// <summary>
    /// Runs to the target. Returns with status completed, budget_exhausted or stalled; throws
    /// TextMiningException (ATM501/ATM503) when a call fails for good, and OperationCanceledException
    /// when cancelled; run.json says which in every case, and data.jsonl holds only whole lines.
    /// </summary>
    public async Task<RunResult> RunAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_options.OutputDirectory);
        var (texts, truncated, lastBatch) = DataFileRecovery.Recover(DataPath);
        if (truncated > 0) Log($"data.jsonl ended in a partial line (a crash mid-write): cut {truncated} bytes; {texts.Count} whole documents kept");

        var manifest = OpenManifest(texts.Count, truncated);
        if (lastBatch is { } last && last >= manifest.Batches)
        {
            // run.json is saved every CheckpointInterval; a process killed in between leaves it behind data.jsonl.
            // The batches already written are never asked again (an LLM would answer them with other text).
            Log($"run.json said {manifest.Batches} batches, data.jsonl holds batch {last}: continuing after it");
            manifest.Batches = last + 1;
        }
        using var ledger = new UsageLedger(_options.OutputDirectory, manifest.Tokens);
        _ledger = ledger;
        var index = new DuplicateIndex(ignoreNumbers: _options.NearDuplicatesIgnoreNumbers);
        foreach (var t in texts) index.AddUnchecked(t);
        var startKept = manifest.Kept;
        Save(manifest);

        if (manifest.Kept >= manifest.Target) return Finish(manifest, RunStatus.Completed, startKept, truncated);
        if (BudgetSpent(manifest)) return Finish(manifest, RunStatus.BudgetExhausted, startKept, truncated);

        using var calls = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var writer = new AppendOnlyJsonlWriter(DataPath);
        var pending = new SortedDictionary<long, Task<GenerationBatch>>();
        var next = manifest.Batches;
        var clock = Stopwatch.StartNew();
        var lastSave = TimeSpan.Zero;
        var processed = 0;
        var emptyInARow = 0;
        var lastProgress = TimeSpan.Zero;
        var stopIssuing = false;
        string? stopStatus = null;

        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                while (!stopIssuing && pending.Count < AllowedInFlight(manifest, startKept, processed))
                {
                    var batchIndex = next++;
                    pending[batchIndex] = Issue(batchIndex, ledger, calls.Token);
                }
                if (pending.Count == 0) break;

                var head = pending.Keys.First();
                var task = pending[head];
                pending.Remove(head);
                GenerationBatch batch;
                try
                {
                    batch = await task.ConfigureAwait(false);
                }
                catch (GenerationCallException ex) when (ex.Transient && !cancellationToken.IsCancellationRequested)
                {
                    // Quota or outage: this batch used its attempts while others may succeed. Ask it again (same
                    // seed, same request) and keep the rest in flight; fail only when nothing succeeds for long.
                    CountRetries(manifest, ex.Retried);
                    manifest.Requeued++;
                    if (clock.Elapsed - lastProgress > _options.NoProgressTimeout)
                        throw new TextMiningException(ErrorCodes.ProviderFailed,
                            $"no call succeeded for {(int)(clock.Elapsed - lastProgress).TotalSeconds} s (--no-progress-timeout); last failure: {ex.Reason}", _options.OutputDirectory, ex);
                    Log($"batch {head} failed all its attempts ({ex.Reason}); asked again");
                    pending[head] = Issue(head, ledger, calls.Token);
                    continue;
                }
                lastProgress = clock.Elapsed;

                var keptBefore = manifest.Kept;
                Process(batch, head, manifest, index, writer);
                manifest.Batches = head + 1;
                processed++;
                emptyInARow = manifest.Kept == keptBefore ? emptyInARow + 1 : 0;

                if (clock.Elapsed - lastSave >= _options.CheckpointInterval)
                {
                    writer.Sync();
                    Save(manifest);
                    lastSave = clock.Elapsed;
                }
                Report(manifest, startKept, clock.Elapsed);

                if (manifest.Kept >= manifest.Target) { stopStatus = RunStatus.Completed; break; }
                if (emptyInARow >= _options.MaxEmptyBatchesInARow)
                {
                    stopStatus = RunStatus.Stalled;
                    manifest.Error = $"{emptyInARow} batches in a row kept nothing; most frequent drops: {TopDrops(manifest)}";
                    break;
                }
                if (!stopIssuing && BudgetSpent(manifest))
                {
                    stopIssuing = true;
                    Log($"token budget reached ({manifest.Tokens.Total} of {manifest.MaxTotalTokens}); finishing the {pending.Count} batches in flight");
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Drain(calls, pending).ConfigureAwait(false);
            writer.Sync();
            manifest.Status = RunStatus.Cancelled;
            Save(manifest);
            Log($"cancelled: {manifest.Kept} of {manifest.Target} kept; rerun the same command to continue");
            throw;
        }
        catch (Exception ex)
        {
            await Drain(calls, pending).ConfigureAwait(false);
            writer.Sync();
            manifest.Status = RunStatus.Failed;
            if (ex is GenerationCallException call) CountRetries(manifest, call.Retried);
            manifest.Error = ex is TextMiningException tme ? tme.Message : $"[{ErrorCodes.ProviderFailed}] {ex.GetType().Name}: {ex.Message}";
            Save(manifest);
            if (ex is TextMiningException) throw;
            throw new TextMiningException(ErrorCodes.ProviderFailed, $"generation failed: {ex.Message}", _options.OutputDirectory, ex);
        }

        await Drain(calls, pending).ConfigureAwait(false);
        writer.Sync();
        stopStatus ??= manifest.Kept >= manifest.Target ? RunStatus.Completed
            : BudgetSpent(manifest) ? RunStatus.BudgetExhausted : RunStatus.Stalled;
        return Finish(manifest, stopStatus, startKept, truncated);
    }

    private Task<GenerationBatch> Issue(long batchIndex, UsageLedger ledger, CancellationToken token)
    {
        var request = new GenerationRequest(_validator.Schema, _options.BatchSize, BatchSeed(_options.Seed, batchIndex), batchIndex, ledger);
        return Task.Run(() => _generator.GenerateAsync(request, token), token);
    }

    private RunManifest OpenManifest(int keptOnDisk, long truncated)
    {
        var schema = _validator.Schema;
        var schemaSha = SchemaSha256(schema);
        RunManifest manifest;
        if (File.Exists(ManifestPath))
        {
            manifest = RunManifest.Load(ManifestPath);
            Require(manifest.Schema.Name == schema.Name && manifest.Schema.Sha256 == schemaSha,
                $"it was made with schema '{manifest.Schema.Name}' (sha256 {Short(manifest.Schema.Sha256)}), not '{schema.Name}' (sha256 {Short(schemaSha)})");
            Require(manifest.Seed == _options.Seed, $"it was made with --seed {manifest.Seed}, not {_options.Seed}");
            Require(manifest.Provider == _generator.Provider && manifest.Model == _generator.Model,
                $"it was made by provider '{manifest.Provider}' model '{manifest.Model}', not '{_generator.Provider}' model '{_generator.Model}'");
            if (manifest.Kept != keptOnDisk)
                Log($"run.json said {manifest.Kept} kept, data.jsonl holds {keptOnDisk} whole documents; data.jsonl wins");
        }
        else
        {
            if (keptOnDisk > 0)
                throw new TextMiningException(ErrorCodes.ProviderConfiguration,
                    $"{DataFileName} exists but {ManifestFileName} does not, so this is not a generation run folder; choose a new --out", _options.OutputDirectory);
            manifest = new RunManifest
            {
                Provider = _generator.Provider,
                Model = _generator.Model,
                Schema = new RunManifest.SchemaInfo { Name = schema.Name, Version = schema.Version, Sha256 = schemaSha },
                Seed = _options.Seed,
                Started = DateTimeOffset.UtcNow,
            };
        }
        manifest.Kept = keptOnDisk;
        manifest.Target = _options.TargetCount;
        manifest.BatchSize = _options.BatchSize;
        manifest.MaxTotalTokens = _options.MaxTotalTokens;
        manifest.Status = RunStatus.Running;
        manifest.Error = null;
        manifest.Invocations++;
        manifest.RecoveredPartialBytes += truncated;
        Describe(manifest);
        manifest.Updated = DateTimeOffset.UtcNow;
        return manifest;

        void Require(bool ok, string why)
        {
            if (!ok)
                throw new TextMiningException(ErrorCodes.ProviderConfiguration,
                    $"cannot continue the run in this folder: {why}; rerun with the same settings or choose a new --out", ManifestPath);
        }
    }

    private void Process(GenerationBatch batch, long batchIndex, RunManifest manifest, DuplicateIndex index, AppendOnlyJsonlWriter writer)
    {
        _ledger?.CopyTo(manifest);
        if (batch.Rejected is not null) foreach (var (k, v) in batch.Rejected) Add(manifest.Dropped, k, v);
        if (batch.Retried is not null) CountRetries(manifest, batch.Retried);

        foreach (var sample in batch.Samples)
        {
            if (manifest.Kept >= manifest.Target) break;
            var id = $"{_options.IdPrefix}-{manifest.Kept + 1:D6}";
            var outcome = _validator.Validate(sample, id, Metadata(sample, batchIndex));
            foreach (var (k, v) in outcome.EntityDrops) Add(manifest.DroppedEntities, k, v);
            if (!outcome.Kept) { Add(manifest.Dropped, outcome.DropReason!, 1); continue; }

            switch (index.TryAdd(outcome.Document!.Text))
            {
                case DuplicateKind.Exact: Add(manifest.Dropped, DropReasons.Duplicate, 1); continue;
                case DuplicateKind.Near: Add(manifest.Dropped, DropReasons.NearDuplicate, 1); continue;
            }
            writer.Write(outcome.Document);
            manifest.Kept++;
            foreach (var (k, v) in outcome.Repairs) Add(manifest.Repaired, k, v);
        }
    }

    private static void CountRetries(RunManifest manifest, IReadOnlyDictionary<string, int> retried)
    {
        foreach (var (k, v) in retried) { Add(manifest.Retried, k, v); manifest.Retries += v; }
    }

    private Dictionary<string, string> Metadata(CandidateSample sample, long batchIndex)
    {
        var meta = new Dictionary<string, string>
        {
            ["provider"] = _generator.Provider,
            ["model"] = _generator.Model,
        };
        if (sample.Style is not null) meta["style"] = sample.Style;
        if (sample.TemplateId is not null) meta["template"] = sample.TemplateId;
        if (sample.PromptId is not null) meta["prompt_id"] = sample.PromptId;
        if (sample.Metadata is not null)
            foreach (var (k, v) in sample.Metadata) meta.TryAdd(k, v);
        meta["batch"] = batchIndex.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return meta;
    }

    /// <summary>Keeps no more batches in flight than the remaining count needs at the yield seen so far.</summary>
    private int AllowedInFlight(RunManifest manifest, int startKept, int processed)
    {
        var remaining = manifest.Target - manifest.Kept;
        if (remaining <= 0) return 0;
        var yield = processed == 0 ? _options.BatchSize : Math.Max(0.5, (manifest.Kept - startKept) / (double)processed);
        var need = (int)Math.Min(int.MaxValue, Math.Ceiling(remaining / yield));
        return Math.Clamp(need, 1, _options.Concurrency);
    }

    /// <summary>Counts every call reported so far, those of batches still in flight included.</summary>
    private bool BudgetSpent(RunManifest manifest)
    {
        _ledger?.CopyTo(manifest);
        return manifest.MaxTotalTokens is { } max && manifest.Tokens.Total >= max;
    }

    private RunResult Finish(RunManifest manifest, string status, int startKept, long truncated)
    {
        manifest.Status = status;
        if (status == RunStatus.BudgetExhausted)
            manifest.Error = $"[{ErrorCodes.BudgetExhausted}] token budget exhausted: {manifest.Tokens.Total} tokens used of {manifest.MaxTotalTokens}; {manifest.Kept} of {manifest.Target} kept";
        Save(manifest);
        Log($"{status}: {manifest.Kept} of {manifest.Target} kept, {manifest.DroppedTotal} dropped, {manifest.Tokens.Total} tokens");
        return new RunResult(status, manifest, manifest.Kept - startKept, truncated);
    }

    private void Save(RunManifest manifest)
    {
        _ledger?.CopyTo(manifest);
        Describe(manifest);
        manifest.Updated = DateTimeOffset.UtcNow;
        manifest.Save(ManifestPath);
    }

    private void Describe(RunManifest manifest)
    {
        if (_generator is not IGeneratorInfo info) return;
        manifest.Endpoint = info.EndpointHost;
        manifest.Prompts = info.Prompts.ToList();
        foreach (var (k, v) in info.Details) manifest.Generator[k] = v;
    }

    private void Report(RunManifest manifest, int startKept, TimeSpan elapsed)
    {
        if (_options.Progress is null) return;
        var keptNow = manifest.Kept - startKept;
        var rate = elapsed.TotalSeconds > 0 ? keptNow / elapsed.TotalSeconds : 0;
        TimeSpan? eta = rate > 0 ? TimeSpan.FromSeconds(Math.Max(0, manifest.Target - manifest.Kept) / rate) : null;
        _options.Progress(new RunProgress(manifest.Kept, manifest.Target, manifest.DroppedTotal, manifest.Tokens.Prompt,
            manifest.Tokens.Completion, manifest.Batches, manifest.Retries, rate, eta));
    }

    private static async Task Drain(CancellationTokenSource calls, SortedDictionary<long, Task<GenerationBatch>> pending)
    {
        if (pending.Count == 0) return;
        await calls.CancelAsync().ConfigureAwait(false);
        foreach (var t in pending.Values)
        {
            try { await t.ConfigureAwait(false); }
            catch (Exception) { /* cancelled or failed after the run decided to stop: nothing of it is used */ }
        }
        pending.Clear();
    }

    private static string TopDrops(RunManifest manifest) =>
        manifest.Dropped.Count == 0 ? "none" : string.Join(", ", manifest.Dropped.OrderByDescending(kv => kv.Value).Take(3).Select(kv => $"{kv.Key} {kv.Value}"));

    private static string Short(string sha) => sha.Length > 12 ? sha[..12] : sha;

    private static void Add(SortedDictionary<string, int> counts, string key, int by) => counts[key] = counts.GetValueOrDefault(key) + by;

    private void Log(string message) => _options.Log?.Invoke(message);
}
