using Asclepius.TextMining.Encoders.Checkpoints;
using Asclepius.TextMining.Encoders.Tokenization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using TorchSharp;

namespace Asclepius.TextMining.Encoders.Tests;

/// <summary>
/// The TorchSharp BERT encoder with the MiniLM weights read out of the ONNX file gives the ONNX model's own output,
/// run by ONNX Runtime, to 1e-4 on a padded batch of sentences of different lengths.
/// </summary>
public sealed class MiniLmEncoderTests
{
    private static readonly string[] Sentences =
    [
        "The patient developed acute renal failure after cisplatin.",
        "No nausea.",
        "Haloperidol-induced tardive dyskinesia (TD) was reported in 3 of 41 patients, café-au-lait spots in none.",
    ];

    [Fact]
    public void Encoder_output_equals_onnx_runtime_to_1e_4()
    {
        using var vocabulary = MiniLmCheckpoint.OpenVocabulary();
        var tokenizer = WordPieceTokenizer.Load(vocabulary);
        var rows = Sentences.Select(s => new[] { tokenizer.ClsId }.Concat(tokenizer.Tokenize(s).Select(p => p.Id)).Append(tokenizer.SepId).ToArray()).ToArray();
        var b = rows.Length;
        var t = rows.Max(r => r.Length);
        var ids = new long[b * t];
        var mask = new long[b * t];
        for (var i = 0; i < b; i++)
            for (var j = 0; j < t; j++)
            {
                ids[i * t + j] = j < rows[i].Length ? rows[i][j] : tokenizer.PadId;
                mask[i * t + j] = j < rows[i].Length ? 1 : 0;
            }
        var types = new long[b * t];

        // Reference: the ONNX graph itself.
        byte[] onnx;
        using (var model = MiniLmCheckpoint.OpenModel())
        using (var copy = new MemoryStream())
        {
            model.CopyTo(copy);
            onnx = copy.ToArray();
        }
        float[] expected;
        using (var session = new InferenceSession(onnx))
        {
            var shape = new[] { b, t };
            using var results = session.Run(
            [
                NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(ids, shape)),
                NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(mask, shape)),
                NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>(types, shape)),
            ]);
            expected = results.Single(r => r.Name == "last_hidden_state").AsTensor<float>().ToArray();
        }

        using var encoder = MiniLmCheckpoint.LoadEncoder();
        using var noGrad = torch.no_grad();
        using var idTensor = torch.tensor(ids, new long[] { b, t });
        using var maskTensor = torch.tensor(mask, new long[] { b, t });
        using var typeTensor = torch.tensor(types, new long[] { b, t });
        using var output = encoder.call(idTensor, maskTensor, typeTensor);
        output.shape.Should().Equal(b, t, 384);
        var actual = output.data<float>().ToArray();

        actual.Should().HaveCount(expected.Length);
        var worst = 0.0;
        for (var i = 0; i < b; i++)
            for (var j = 0; j < rows[i].Length; j++) // real pieces; padding outputs are never used
                for (var k = 0; k < 384; k++)
                {
                    var at = (i * t + j) * 384 + k;
                    worst = Math.Max(worst, Math.Abs(actual[at] - expected[at]));
                }
        worst.Should().BeLessThan(1e-4);
    }
}
