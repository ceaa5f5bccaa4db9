using System.Text.Json.Nodes;

namespace Asclepius.TextMining.Generation.Llm;

/// <summary>
/// --keep-raw DIR: every raw answer of a run, for diagnosis, in DIR/raw-answers.jsonl, one line each:
/// {"batch":3,"call":"generate","prompt_id":"generate-entities.v1","attempt":1,"status":"parsed",
/// "finish_reason":"stop","bytes":1834,"content":"…"}; error bodies of HTTP 400s too (status "http_400").
/// Answers are the model's synthetic text (prompts hold seed names only), never note text or a key.
/// </summary>
public sealed class RawAnswerLog
{
    public const string FileName = "raw-answers.jsonl";

    private readonly object _gate = new();
    private readonly string _path;

    public RawAnswerLog(string directory)
    {
        Directory.CreateDirectory(directory);
        _path = Path.Combine(directory, FileName);
    }

    public void Write(long batch, string call, string promptId, int attempt, string status, ChatAnswer answer) =>
        Append(new JsonObject
        {
            ["batch"] = batch, ["call"] = call, ["prompt_id"] = promptId, ["attempt"] = attempt, ["status"] = status,
            ["finish_reason"] = answer.FinishReason, ["bytes"] = System.Text.Encoding.UTF8.GetByteCount(answer.Content), ["content"] = answer.Content,
        });

    public void WriteError(long batch, string call, string promptId, int status, string body) =>
        Append(new JsonObject
        {
            ["batch"] = batch, ["call"] = call, ["prompt_id"] = promptId, ["status"] = $"http_{status}",
            ["bytes"] = System.Text.Encoding.UTF8.GetByteCount(body), ["content"] = body,
        });

    private void Append(JsonObject line)
    {
        lock (_gate) File.AppendAllText(_path, line.ToJsonString() + "\n");
    }
}
