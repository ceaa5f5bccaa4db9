using Asclepius.TextMining.Generation.Contracts;

namespace Asclepius.TextMining.Generation.Tests.Fakes;

/// <summary>
/// An in-process generator that answers a request the same way every time (from its seed), with
/// exact offsets, optional random latency, and tokens per call. For runner tests that need no HTTP.
/// </summary>
public sealed class SeededGenerator : ISampleGenerator
{
    private static readonly string[] Chemicals = ["aspirin", "warfarin", "cisplatin", "lithium", "haloperidol", "amiodarone", "gentamicin", "methotrexate", "digoxin", "heparin"];
    private static readonly string[] Diseases = ["hepatitis", "nephrotoxicity", "seizures", "hypotension", "neutropenia", "rash", "arrhythmia", "pancreatitis", "anemia", "delirium"];

    public string Provider => "offline";
    public string Model => "seeded-test";

    public int MaxLatencyMs { get; init; }
    public int TokensPerCall { get; init; }
    public Func<GenerationRequest, GenerationBatch?>? Override { get; init; }
    public Action<GenerationRequest>? OnCall { get; init; }

    private int _calls;
    public int Calls => _calls;

    public async Task<GenerationBatch> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        OnCall?.Invoke(request);
        var rng = new Random(request.Seed);
        if (MaxLatencyMs > 0) await Task.Delay(rng.Next(MaxLatencyMs), cancellationToken);
        if (Override?.Invoke(request) is { } custom) return custom;
        var samples = new List<CandidateSample>();
        for (var i = 0; i < request.Count; i++)
        {
            var chem = Chemicals[rng.Next(Chemicals.Length)];
            var dis = Diseases[rng.Next(Diseases.Length)];
            var tag = $"{request.Seed % 100000}x{i}";
            var text = $"Patient {tag} had {dis} after {chem}.";
            var ds = text.IndexOf(dis, StringComparison.Ordinal);
            var cs = text.LastIndexOf(chem, StringComparison.Ordinal);
            samples.Add(new CandidateSample(text,
                [new CandidateEntity(dis, "Disease", ds, ds + dis.Length), new CandidateEntity(chem, "Chemical", cs, cs + chem.Length)],
                [new CandidateRelation("CID", 1, 0)], Style: "test-style", TemplateId: "t-1"));
        }
        if (TokensPerCall > 0) request.Usage?.Record(new CallUsage(request.BatchIndex, "generate", "ok", TokensPerCall, TokensPerCall, false));
        return new GenerationBatch(samples);
    }
}
