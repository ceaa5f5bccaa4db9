using System.Diagnostics;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Tagging;
using Asclepius.TextMining.Core.Text;
using Asclepius.TextMining.Encoders.Torch;
using Asclepius.TextMining.Encoders.Training;
using Asclepius.TextMining.Ner.TokenWindow;
using Asclepius.TextMining.Ner.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Asclepius.TextMining.Ner.BiLstmCrf;

/// <summary>
/// Trains a <see cref="BiLstmCrfModel"/>: documents are tokenized with <see cref="ClinicalTokenizer"/>,
/// entities become BILOU tags through <see cref="TagCodec"/> (entities it cannot encode are counted in
/// the report, never moved), sentences are trained in length-sorted, shuffled mini-batches with padding
/// masks, and after each epoch the strict entity F1 on the dev documents decides whether these weights
/// become model-best. Deterministic on the CPU for a given seed and thread count: weights, dropout and
/// batch order draw from generators seeded by the options, not from shared global state.
/// On a GPU the same seed gives the same initial weights, batch order, unknown-word draws and dropout masks as
/// on the CPU (all drawn on the CPU: <see cref="DropoutSource"/>), but not the same model: CUDA kernels (the
/// LSTM's, and gradient sums that use atomic adds such as the embeddings' backward pass) add in an order that
/// varies from run to run, so two GPU runs differ in the last bits and then drift apart.
/// </summary>
public static class BiLstmCrfTrainer
{
    public static BiLstmCrfModel Train(
        IReadOnlyList<AnnotatedDocument> train,
        IReadOnlyList<AnnotatedDocument> dev,
        BiLstmCrfOptions options,
        IProgress<EpochProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        options.Validate();
        var device = TorchDevices.Resolve(options.Device);
        // The same refusals, with the same ATM401 messages, as every NER trainer (NerTrainingSet).
        NerTrainingSet.Validate(train, "train");
        if (dev.Count > 0) NerTrainingSet.Validate(dev, "dev", requireEntities: false);
        var clock = Stopwatch.StartNew();

        // Corpus → tokens → BILOU tags.
        var corpus = BilouCorpus.Tag(train, cancellationToken);
        var (trainTagged, problems, examples, labels) = (corpus.Documents, corpus.Problems, corpus.Examples, corpus.Labels);

        // Vocabularies: training words by frequency, then pretrained words (file order).
        var pretrained = options.PretrainedEmbeddings is null ? null : PretrainedEmbeddings.Read(options.PretrainedEmbeddings);
        if (pretrained is not null) options = options with { WordDim = pretrained.Dim };
        var wordCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        var charCounts = new Dictionary<char, int>();
        foreach (var (tokens, _) in trainTagged)
            foreach (var token in tokens.Tokens)
            {
                var w = WordFeatures.Normalize(token.Text);
                wordCounts[w] = wordCounts.GetValueOrDefault(w) + 1;
                foreach (var c in token.Text) charCounts[c] = charCounts.GetValueOrDefault(c) + 1;
            }
        var orderedWords = wordCounts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key);
        if (pretrained is not null) orderedWords = orderedWords.Concat(pretrained.Words);
        var orderedChars = charCounts.OrderByDescending(p => p.Value).ThenBy(p => p.Key).Select(p => p.Key.ToString());
        var vocabulary = BiLstmCrfVocabulary.Build(orderedWords, orderedChars, labels, options.MaxVocabulary);
        var singletons = new bool[vocabulary.Words.Count];
        foreach (var (w, n) in wordCounts)
            if (n == 1) { var id = vocabulary.WordId(w); if (id > BiLstmCrfVocabulary.Unknown) singletons[id] = true; }

        var lexicons = options.LexiconFolder is null ? null : LexiconSet.LoadFolder(options.LexiconFolder);
        var lexiconCount = lexicons?.Count ?? 0;

        // Network, seeded.
        torch.set_num_threads(1); // parallelism comes from the data-parallel workers below
        torch.manual_seed(options.Seed);
        var network = new BiLstmCrfNetwork(vocabulary.Words.Count, vocabulary.Chars.Count, vocabulary.Tags, options, lexiconCount);
        var pretrainedUsed = 0;
        using (var init = new Generator((ulong)options.Seed))
            network.Initialize(init);
        if (pretrained is not null) pretrainedUsed = LoadPretrained(network, vocabulary, pretrained);
        network.to(device);
        var model = new BiLstmCrfModel(options, vocabulary, network, device, training: null, lexicons);

        var trainSentences = new List<EncodedSentence>();
        var trainTokens = 0;
        foreach (var (tokens, tags) in trainTagged)
            foreach (var (first, count) in SentencePieces.Split(tokens, tags, options.MaxSentenceTokens))
            {
                trainSentences.Add(model.Encode(tokens, first, count, tags));
                trainTokens += count;
            }

        var devSet = new DevDocuments(dev);
        var devUnreachable = devSet.Input.Select((d, i) => TagCodec.Encode(d.Tokens.Tokens, dev[i].Entities, TagScheme.Bilou).Problems.Count).Sum();

        // Data-parallel workers: replica w computes the gradient of its share of each batch on its own
        // thread; the gradients are summed into the main network, which takes the optimizer step and is
        // copied back into the replicas. Workers synchronize once per batch (intra-op threads would at
        // every operation), and the sum is taken in a fixed order, so results depend on the seed and the
        // worker count only.
        var workers = options.Threads;
        var replicas = new BiLstmCrfNetwork[workers];
        replicas[0] = network;
        for (var w = 1; w < workers; w++)
        {
            replicas[w] = new BiLstmCrfNetwork(vocabulary.Words.Count, vocabulary.Chars.Count, vocabulary.Tags, options, lexiconCount);
            replicas[w].to(device);
        }
        var replicaParameters = replicas.Select(r => r.parameters().ToArray()).ToArray();
        var parameters = replicaParameters[0];
        CopyParameters(replicaParameters);
        var dropouts = Enumerable.Range(0, workers).Select(w => new DropoutSource((ulong)options.Seed + 1 + (ulong)w)).ToArray();
        var unknownRandoms = Enumerable.Range(0, workers).Select(w => new Random(options.Seed + 100 + w)).ToArray();
        using var optimizer = options.Optimizer == BiLstmCrfOptimizer.Adam
            ? (optim.Optimizer)optim.Adam(parameters, options.LearningRate)
            : optim.SGD(parameters, options.LearningRate, momentum: 0.9);
        var workerLoss = new double[workers];

        EpochLoopResult run;
        try
        {
            var loop = new EpochLoop<EncodedSentence>
            {
                Items = trainSentences,
                Length = s => s.Length,
                Network = network,
                BeginEpoch = epoch =>
                {
                    if (options.Optimizer == BiLstmCrfOptimizer.Sgd)
                        foreach (var group in optimizer.ParamGroups) group.LearningRate = options.LearningRate / (1 + options.LearningRateDecay * (epoch - 1));
                    foreach (var r in replicas) r.train();
                },
                Step = sentences =>
                {
                    var shares = Math.Min(workers, sentences.Length);
                    Array.Clear(workerLoss);
                    Parallel.For(0, shares, new ParallelOptions { MaxDegreeOfParallelism = shares }, w =>
                    {
                        var share = sentences.Where((_, i) => i % shares == w).ToArray();
                        using var scope = torch.NewDisposeScope();
                        var batch = SentenceBatch.Build(share, device, withTags: true, (unknownRandoms[w], singletons, options.SingletonUnknownRate));
                        var emissions = replicas[w].Emissions(batch, dropouts[w]);
                        // Each share's loss is divided by the whole batch size: the summed gradients are the batch mean's.
                        using var batchSize = sentences.Length.ToScalar(); // explicit: see BiLstmCrfNetwork.Emissions
                        var loss = replicas[w].LossSum(emissions, batch).div(batchSize);
                        replicas[w].zero_grad();
                        loss.backward();
                        workerLoss[w] = loss.item<float>();
                    });
                    using (torch.no_grad())
                        for (var w = 1; w < shares; w++)
                            for (var p = 0; p < parameters.Length; p++)
                                if (replicaParameters[w][p].grad is { } g) parameters[p].grad!.add_(g);
                    nn.utils.clip_grad_norm_(parameters, options.GradientClip);
                    optimizer.step();
                    if (workers > 1) CopyParameters(replicaParameters);
                    return workerLoss.Sum();
                },
                EndEpoch = () =>
                {
                    network.eval();
                    model.RefreshCrf();
                },
                ScoreDev = () => devSet.Score(documents => RecognizeParallel(model, documents, workers)),
            };
            run = loop.Run(options, clock, progress, cancellationToken);
        }
        finally
        {
            for (var w = 1; w < workers; w++) replicas[w].Dispose();
            foreach (var d in dropouts) d.Dispose();
        }

        network.eval();
        var report = run.Into(new BiLstmCrfTrainingReport
        {
            TrainDocuments = train.Count,
            TrainSentences = trainSentences.Count,
            TrainTokens = trainTokens,
            TrainEntities = train.Sum(d => d.Entities.Count),
            TrainMisaligned = problems.GetValueOrDefault(AlignmentProblemKind.Misaligned),
            TrainOverlapping = problems.GetValueOrDefault(AlignmentProblemKind.Overlapping),
            TrainEmpty = problems.GetValueOrDefault(AlignmentProblemKind.Empty),
            AlignmentExamples = examples,
            DevDocuments = dev.Count,
            DevSentences = devSet.Input.Sum(d => d.Tokens.Sentences.Count),
            DevTokens = devSet.Input.Sum(d => d.Tokens.Tokens.Count),
            DevEntities = devSet.Gold.Length,
            DevUnreachable = devUnreachable,
            Vocabulary = vocabulary.Words.Count,
            PretrainedWordsUsed = pretrainedUsed,
            Parameters = model.ParameterCount,
        }, clock.Elapsed);
        return new BiLstmCrfModel(options, vocabulary, network, device, report, lexicons);
    }

    private static void CopyParameters(TorchSharp.Modules.Parameter[][] replicas)
    {
        using var _ = torch.no_grad();
        for (var w = 1; w < replicas.Length; w++)
            for (var p = 0; p < replicas[0].Length; p++)
                replicas[w][p].copy_(replicas[0][p]);
    }

    /// <summary>Dev documents split over the workers (the model is safe to share between threads).</summary>
    private static IReadOnlyList<IReadOnlyList<Entity>> RecognizeParallel(BiLstmCrfModel model, (Document Document, TokenizedText Tokens)[] documents, int workers)
    {
        if (workers == 1) return model.RecognizeMany(documents);
        var parts = new IReadOnlyList<IReadOnlyList<Entity>>[workers];
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers },
            w => parts[w] = model.RecognizeMany(documents.Where((_, i) => i % workers == w).ToArray()));
        var result = new IReadOnlyList<Entity>[documents.Length];
        for (var i = 0; i < documents.Length; i++) result[i] = parts[i % workers][i / workers];
        return result;
    }

    private static int LoadPretrained(BiLstmCrfNetwork network, BiLstmCrfVocabulary vocabulary, PretrainedEmbeddings pretrained)
    {
        var ids = new List<long>();
        var values = new List<float>();
        for (var i = 0; i < pretrained.Words.Count; i++)
        {
            var id = vocabulary.WordId(pretrained.Words[i]);
            if (id <= BiLstmCrfVocabulary.Unknown) continue;
            ids.Add(id);
            values.AddRange(pretrained.Vectors[i]);
        }
        if (ids.Count > 0) network.SetWordVectors(ids.ToArray(), values.ToArray());
        return ids.Count;
    }

    private static TextMiningException Invalid(string message) => new(ErrorCodes.TrainingDataInvalid, message);
}
