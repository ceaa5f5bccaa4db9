using System.CommandLine;
using Asclepius.TextMining.Cli.Infrastructure;
using Asclepius.TextMining.Cli.Training;

namespace Asclepius.TextMining.Cli.Commands;

/// <summary>
/// `asclepius train ner --train PATH [--dev PATH] [--test PATH] [--format F] --out MODEL.zip
/// [--backend token-window|bilstm-crf|transformer] [--encoder minilm|DIR] [--epochs N] [--seed N] [--device cpu|cuda] [--threads N] [--lexicons DIR]`.
/// `train` is a command group so that `train re` can sit beside `train ner`.
/// </summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var command = new Command("train", "Train a local model on an annotated corpus and write a model package.");
        command.Subcommands.Add(Ner());
        command.Subcommands.Add(TrainRelationsCommand.Create());
        return command;
    }

    private static Command Ner()
    {
        var train = new Option<string>("--train") { Description = "Training corpus (file or folder).", HelpName = "path", Required = true };
        var dev = new Option<string?>("--dev") { Description = "Dev corpus: picks the best iteration (model-best) and tunes decoding.", HelpName = "path" };
        var test = new Option<string?>("--test") { Description = "Test corpus: scored once with the final model, recorded in metrics.json.", HelpName = "path" };
        var format = CorpusOptions.Format("--format", "Format of the corpora (detected from each path when omitted).");
        var output = new Option<string>("--out", "-o") { Description = "Model package to write (best on dev); MODEL.last.zip beside it when the backend iterates.", HelpName = "zip", Required = true };
        var backend = new Option<string>("--backend")
        {
            Description = "token-window (ML.NET, fast on CPU), bilstm-crf (TorchSharp, more accurate) or transformer (a pretrained encoder fine-tuned here; TorchSharp).",
            DefaultValueFactory = _ => NerTrainRequest.TokenWindow,
        };
        backend.AcceptOnlyFromAmong(NerTrainRequest.Backends);
        var encoder = new Option<string>("--encoder")
        {
            Description = "transformer only: the pretrained encoder to fine-tune: minilm (all-MiniLM-L6-v2, shipped in the build; no download) or a Hugging Face BERT folder (config.json, vocab.txt, model.safetensors).",
            HelpName = "minilm|dir",
            DefaultValueFactory = _ => NerTrainRequest.MiniLm,
        };
        var epochs = new Option<int?>("--epochs") { Description = "Passes over the data: epochs (bilstm-crf, transformer), trainer iterations (token-window). Default: the backend's." };
        var batchSize = new Option<int?>("--batch-size") { Description = "bilstm-crf and transformer: sentences (bilstm-crf) or word-piece windows (transformer) per optimizer step. Default: the backend's." };
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed, data and threads give the same model.", DefaultValueFactory = _ => 1 };
        var device = new Option<string>("--device") { Description = "cpu or cuda (bilstm-crf and transformer).", DefaultValueFactory = _ => "cpu" };
        var threads = new Option<int?>("--threads") { Description = "Training threads (default: the backend's deterministic choice)." };
        var timeLimit = new Option<double?>("--time-limit") { Description = "bilstm-crf and transformer: stop before an epoch that would end past this many minutes (judged by the mean epoch); the best epoch is kept.", HelpName = "minutes" };
        var encoderDropout = new Option<double?>("--encoder-dropout") { Description = "transformer only: dropout inside the encoder while fine-tuning (default: the encoder's own rates, 0.1 for MiniLM; 0 turns it off).", HelpName = "rate" };
        var lexicons = new Option<string?>("--lexicons") { Description = "Folder of lexicon .tsv files (name, variants, class) whose phrase matches become token features (every backend); the model carries them.", HelpName = "dir" };
        var name = new Option<string?>("--name") { Description = "Model name in the package manifest (default: the --out file name)." };
        var schema = new Option<string?>("--schema") { Description = "Label schema JSON (default: inferred from the training labels).", HelpName = "file" };
        var lenient = CorpusOptions.Lenient();

        var command = new Command("ner", "Train a named-entity recognizer.")
        {
            train, dev, test, format, output, backend, encoder, epochs, batchSize, seed, device, threads, timeLimit, encoderDropout, lexicons, name, schema, lenient,
        };
        command.SetAction((parse, cancellationToken) => Task.FromResult(CommandAction.Run(() => NerTrainRun.Run(new NerTrainRequest(
            parse.GetValue(train)!, parse.GetValue(dev), parse.GetValue(test), parse.GetValue(format), parse.GetValue(output)!,
            parse.GetValue(backend)!, parse.GetValue(epochs), parse.GetValue(seed), parse.GetValue(device)!, parse.GetValue(threads),
            parse.GetValue(lexicons), parse.GetValue(name), parse.GetValue(schema), parse.GetValue(lenient)) 
        {
            Encoder = parse.GetValue(encoder)!, BatchSize = parse.GetValue(batchSize), TimeLimitMinutes = parse.GetValue(timeLimit), EncoderDropout = parse.GetValue(encoderDropout),
        }, cancellationToken))));
        return command;
    }
}
