using Asclepius.TextMining.Encoders.Bert;
using Asclepius.TextMining.Encoders.Checkpoints;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Asclepius.TextMining.Encoders.Tests;

/// <summary>A tiny Hugging Face BERT folder written by the test (config.json, vocab.txt, weights) loads into an encoder that computes what the original did.</summary>
public sealed class HuggingFaceBertFolderTests : IDisposable
{
    private static readonly BertConfig Tiny = new() { VocabularySize = 12, HiddenSize = 16, Layers = 2, Heads = 4, IntermediateSize = 32, MaxPositions = 20 };
    private static readonly string[] Vocabulary = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "patient", "has", "fever", "##s", ".", "a"];
    private readonly string _dir = Directory.CreateTempSubdirectory("atm-hf-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_safetensors_folder_loads_into_an_encoder_with_the_same_outputs()
    {
        using var original = RandomEncoder(1);
        WriteFolder(StateDict(original, prefix: ""), safetensors: true);

        var source = HuggingFaceBertFolder.Open(_dir);
        source.Config.Should().Be(Tiny);
        source.Vocabulary.Should().Equal(Vocabulary);
        using var loaded = source.Create(new Generator(9));

        Outputs(loaded).allclose(Outputs(original), rtol: 0, atol: 1e-6).Should().BeTrue();
    }

    [Fact]
    public void A_pytorch_model_bin_with_the_pretraining_prefix_half_precision_and_extra_heads_loads_too()
    {
        using var original = RandomEncoder(2);
        original.to(ScalarType.Float16); // what the file holds; widened to float32 when loaded
        original.to(ScalarType.Float32);
        var state = StateDict(original, prefix: "bert.").ToDictionary(p => p.Key, p => p.Value.to_type(ScalarType.Float16));
        state["bert.pooler.dense.weight"] = torch.zeros(16, 16, ScalarType.Float16);
        state["cls.predictions.bias"] = torch.zeros(12, ScalarType.Float16);
        state["bert.embeddings.position_ids"] = torch.arange(20, ScalarType.Int64).unsqueeze(0);
        WriteFolder(state, safetensors: false);

        using var loaded = HuggingFaceBertFolder.Open(_dir).Create(new Generator(9));

        Outputs(loaded).allclose(Outputs(original), rtol: 0, atol: 1e-6).Should().BeTrue();
    }

    [Fact]
    public void A_folder_missing_a_weight_or_with_a_mismatched_vocabulary_is_refused_naming_it()
    {
        using var original = RandomEncoder(3);
        var state = StateDict(original, prefix: "");
        state.Remove("encoder.layer.1.output.dense.weight");
        WriteFolder(state, safetensors: true);
        var missing = () => HuggingFaceBertFolder.Open(_dir).Create(new Generator(1));
        missing.Should().Throw<InvalidDataException>().WithMessage("*encoder.layer.1.output.dense.weight*");

        File.WriteAllLines(Path.Combine(_dir, HuggingFaceBertFolder.VocabularyFile), Vocabulary.Take(5));
        var vocab = () => HuggingFaceBertFolder.Open(_dir);
        vocab.Should().Throw<InvalidDataException>().WithMessage("*5 pieces*vocab_size 12*");

        File.Delete(Path.Combine(_dir, HuggingFaceBertFolder.SafetensorsFile));
        var noWeights = () => HuggingFaceBertFolder.Open(_dir);
        noWeights.Should().Throw<InvalidDataException>().WithMessage("*model.safetensors*pytorch_model.bin*");
    }

    private static BertEncoder RandomEncoder(ulong seed)
    {
        var encoder = new BertEncoder(Tiny);
        using var generator = new Generator(seed);
        encoder.InitializeRandom(generator);
        using (torch.no_grad())
            foreach (var p in encoder.parameters()) p.add_(torch.rand(p.shape, generator: generator).mul(0.1)); // biases and norms not at their defaults
        encoder.eval();
        return encoder;
    }

    private static Dictionary<string, Tensor> StateDict(BertEncoder encoder, string prefix)
    {
        var names = encoder.HuggingFaceNames();
        return encoder.named_parameters().ToDictionary(p => prefix + names[p.name], p => p.parameter.detach().clone());
    }

    private void WriteFolder(Dictionary<string, Tensor> state, bool safetensors)
    {
        File.WriteAllText(Path.Combine(_dir, HuggingFaceBertFolder.ConfigFile), BertConfigJson.Write(Tiny));
        File.WriteAllLines(Path.Combine(_dir, HuggingFaceBertFolder.VocabularyFile), Vocabulary);
        if (safetensors)
        {
            using var stream = File.Create(Path.Combine(_dir, HuggingFaceBertFolder.SafetensorsFile));
            Safetensors.SaveStateDict(stream, state, leaveOpen: true);
        }
        else
        {
            PyTorchPickler.PickleStateDict(Path.Combine(_dir, HuggingFaceBertFolder.PytorchFile), state);
        }
    }

    private static Tensor Outputs(BertEncoder encoder)
    {
        using var _ = torch.no_grad();
        var ids = torch.tensor(new long[] { 2, 5, 6, 7, 8, 9, 10, 3 }).unsqueeze(0);
        return encoder.call(ids, torch.ones(1, 8, ScalarType.Int64), torch.zeros(1, 8, ScalarType.Int64));
    }
}
