using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Text;
using Asclepius.TextMining.Ner.BiLstmCrf;
using TorchSharp;
using static TorchSharp.torch;

namespace Asclepius.TextMining.Ner.Embeddings;

/// <summary>
/// Trains word vectors on unlabeled text a user has (notes, abstracts) with skip-gram and negative
/// sampling in TorchSharp, on the CPU. Words are tokenized by <see cref="ClinicalTokenizer"/> and normalized
/// exactly as the BiLSTM-CRF sees them (lower case, digits → 0), so the vectors plug into its word
/// embedding. Deterministic for a seed. Nothing is downloaded: the vectors come from the given text only.
/// </summary>
public static class WordEmbeddingTrainer
{
    public static WordVectors Train(IEnumerable<string> texts, WordEmbeddingOptions options, IProgress<(int Epoch, double Loss)>? progress = null, CancellationToken cancellationToken = default)
    {
        // Corpus → sentences of normalized words.
        var sentences = new List<string[]>();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var tokenized = ClinicalTokenizer.Default.Tokenize(text);
            foreach (var sentence in tokenized.Sentences)
            {
                var words = sentence.Tokens.Select(t => WordFeatures.Normalize(t.Text)).ToArray();
                foreach (var w in words) counts[w] = counts.GetValueOrDefault(w) + 1;
                sentences.Add(words);
            }
        }
        var vocabulary = counts.Where(p => p.Value >= options.MinCount)
            .OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key).ToArray();
        if (vocabulary.Length < 2)
            throw new TextMiningException(ErrorCodes.EmptyInput, $"the text has {vocabulary.Length} distinct words seen at least {options.MinCount} times; word vectors need more");
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < vocabulary.Length; i++) index[vocabulary[i]] = i;
        var ids = sentences.Select(s => s.Select(w => index.GetValueOrDefault(w, -1)).Where(i => i >= 0).ToArray()).Where(s => s.Length > 1).ToArray();
        var frequency = vocabulary.Select(w => (double)counts[w]).ToArray();
        var total = frequency.Sum();
        var keep = frequency.Select(f => options.Subsample <= 0 ? 1.0 : Math.Min(1.0, Math.Sqrt(options.Subsample / (f / total)) + options.Subsample / (f / total))).ToArray();
        var noise = NoiseTable(frequency);

        torch.set_num_threads(options.Threads);
        using var generator = new Generator((ulong)options.Seed);
        var dim = options.Dim;
        var v = vocabulary.Length;
        using var input = nn.Parameter(torch.rand(new long[] { v, dim }, generator: generator).sub_(0.5).div_(dim));
        using var output = nn.Parameter(torch.zeros(v, dim));
        using var optimizer = optim.Adam(new[] { input, output }, options.LearningRate);
        var random = new Random(options.Seed);

        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            var centers = new List<long>();
            var contexts = new List<long>();
            double lossSum = 0;
            var batches = 0;
            foreach (var sentence in ids.OrderBy(_ => random.Next()))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var kept = sentence.Where(w => random.NextDouble() < keep[w]).ToArray();
                for (var i = 0; i < kept.Length; i++)
                {
                    var span = random.Next(1, options.Window + 1);
                    for (var j = Math.Max(0, i - span); j <= Math.Min(kept.Length - 1, i + span); j++)
                    {
                        if (j == i) continue;
                        centers.Add(kept[i]);
                        contexts.Add(kept[j]);
                    }
                }
                if (centers.Count >= options.BatchSize)
                {
                    lossSum += Step(centers, contexts);
                    batches++;
                    centers.Clear();
                    contexts.Clear();
                }
            }
            if (centers.Count > 0) { lossSum += Step(centers, contexts); batches++; }
            progress?.Report((epoch, lossSum / Math.Max(1, batches)));
        }

        float[] values;
        using (torch.no_grad()) values = input.detach().cpu().data<float>().ToArray();
        return new WordVectors(vocabulary, dim, values);

        double Step(List<long> c, List<long> x)
        {
            using var scope = torch.NewDisposeScope();
            var n = c.Count;
            var negatives = new long[n * options.Negatives];
            for (var i = 0; i < negatives.Length; i++) negatives[i] = noise[random.Next(noise.Length)];
            var center = input.index_select(0, torch.tensor(c.ToArray()));                         // [N, D]
            var positive = output.index_select(0, torch.tensor(x.ToArray()));                      // [N, D]
            var negative = output.index_select(0, torch.tensor(negatives)).view(n, options.Negatives, dim); // [N, K, D]
            var positiveScore = (center * positive).sum(1);
            var negativeScore = torch.bmm(negative, center.unsqueeze(2)).squeeze(2);             // [N, K]
            var loss = -(nn.functional.logsigmoid(positiveScore).mean() + nn.functional.logsigmoid(-negativeScore).sum(1).mean());
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
            return loss.item<float>();
        }
    }

    /// <summary>A table in which each word appears in proportion to count^0.75 (word2vec's noise distribution).</summary>
    private static int[] NoiseTable(double[] frequency)
    {
        const int size = 1_000_000;
        var weights = frequency.Select(f => Math.Pow(f, 0.75)).ToArray();
        var sum = weights.Sum();
        var table = new int[size];
        var word = 0;
        var cumulative = weights[0] / sum;
        for (var i = 0; i < size; i++)
        {
            table[i] = word;
            if ((double)i / size > cumulative && word < weights.Length - 1)
            {
                word++;
                cumulative += weights[word] / sum;
            }
        }
        return table;
    }
}
