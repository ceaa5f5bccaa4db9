using Asclepius.TextMining.Encoders.Bert;
using Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace Asclepius.TextMining.Encoders.Checkpoints;

/// <summary>
/// Reads a BERT encoder's weights out of a Hugging Face ONNX export. Embeddings, LayerNorms and biases keep their
/// Hugging Face names; the 2-D weights of each layer are numbered initializers ("927", ...). A numbered weight is
/// named by following its MatMul to the Add whose other input is a named bias ("...attention.self.query.bias" →
/// "...attention.self.query.weight"), and transposed from ONNX's [in, out] to Linear's [out, in].
/// </summary>
public static class OnnxBertWeights
{
    private const int Float = (int)TensorProto.Types.DataType.Float;

    /// <summary>Hugging Face name → float32 tensor [shape as in PyTorch], for every initializer the encoder can use.</summary>
    public static IReadOnlyDictionary<string, Tensor> Read(Stream onnx)
    {
        var graph = ModelProto.Parser.ParseFrom(onnx).Graph;
        var initializers = graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var consumers = graph.Node.SelectMany(n => n.Input.Select(i => (Input: i, Node: n))).ToLookup(p => p.Input, p => p.Node, StringComparer.Ordinal);
        var names = new Dictionary<string, (TensorProto Tensor, bool Transpose)>(StringComparer.Ordinal);
        // Named float tensors (the export also stores an int64 "embeddings.position_ids", which the encoder makes itself).
        foreach (var t in initializers.Values.Where(t => t.Name.Contains('.', StringComparison.Ordinal) && t.DataType == Float))
            names[t.Name] = (t, false);
        foreach (var matmul in graph.Node.Where(n => n.OpType == "MatMul"))
        {
            var weight = matmul.Input.FirstOrDefault(initializers.ContainsKey);
            if (weight is null || weight.Contains('.', StringComparison.Ordinal)) continue;
            var bias = consumers[matmul.Output[0]].Where(n => n.OpType == "Add")
                .SelectMany(n => n.Input).FirstOrDefault(i => initializers.ContainsKey(i) && i.EndsWith(".bias", StringComparison.Ordinal));
            if (bias is null) continue;
            names[bias[..^".bias".Length] + ".weight"] = (initializers[weight], true);
        }
        return names.ToDictionary(p => p.Key, p => ToTensor(p.Value.Tensor, p.Value.Transpose), StringComparer.Ordinal);
    }

    /// <summary>Copies the weights into <paramref name="encoder"/>; every parameter must be found with its shape.</summary>
    public static void Load(BertEncoder encoder, IReadOnlyDictionary<string, Tensor> weights)
    {
        using var _ = torch.no_grad();
        var names = encoder.HuggingFaceNames();
        foreach (var (name, p) in encoder.named_parameters())
        {
            var source = names[name];
            if (!weights.TryGetValue(source, out var w))
                throw new InvalidDataException($"the checkpoint has no '{source}' (for parameter '{name}')");
            if (!w.shape.SequenceEqual(p.shape))
                throw new InvalidDataException($"'{source}' is [{string.Join(",", w.shape)}], the encoder wants [{string.Join(",", p.shape)}]");
            p.copy_(w);
        }
    }

    private static Tensor ToTensor(TensorProto t, bool transpose)
    {
        if (t.DataType != Float) throw new InvalidDataException($"initializer '{t.Name}' is not float32 (type {t.DataType})");
        var shape = t.Dims.ToArray();
        var values = t.RawData.Length > 0
            ? System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(t.RawData.Span).ToArray() // little-endian, as ONNX stores it
            : t.FloatData.ToArray();
        var tensor = torch.tensor(values, shape);
        return transpose ? tensor.t().contiguous() : tensor;
    }
}
