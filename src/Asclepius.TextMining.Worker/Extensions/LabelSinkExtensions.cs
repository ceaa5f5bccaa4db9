using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Pipeline.Omop;
using Asclepius.TextMining.Pipeline.Storage;
using Asclepius.TextMining.Worker.Options;
using Asclepius.TextMining.Worker.Sinks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Asclepius.TextMining.Worker.Extensions;

public static class LabelSinkExtensions
{
    /// <summary>The label sink (section "Sink"): beside the notes by default; JSONL, SQLite or PostgreSQL NOTE_NLP by choice.</summary>
    public static IHostApplicationBuilder AddLabelSink(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SinkOptions>().BindConfiguration(SinkOptions.Section).ValidateOnStart();
        builder.Services.AddOptions<OmopOptions>().BindConfiguration(OmopOptions.Section)
            .Validate(o => o.SnippetRadius is >= 0 and <= NoteNlpMapper.SnippetMax, "Omop:SnippetRadius must be between 0 and 250")
            .ValidateOnStart();
        builder.Services.AddSingleton<ILabelSink>(sp =>
        {
            var sink = sp.GetRequiredService<IOptions<SinkOptions>>().Value;
            var source = sp.GetRequiredService<IOptions<SourceOptions>>().Value;
            var nlp = sp.GetRequiredService<IOptions<OmopOptions>>().Value.ToNoteNlpOptions();
            var kind = sink.Kind != SinkKind.Auto ? sink.Kind : source.Kind switch
            {
                SourceKind.Postgres => SinkKind.Postgres,
                SourceKind.Sqlite => SinkKind.Sqlite,
                _ => SinkKind.Jsonl,
            };
            var own = string.IsNullOrWhiteSpace(sink.ConnectionString);
            return kind switch
            {
                SinkKind.Jsonl => new JsonlLabelSink(sink.JsonlPath),
                SinkKind.Postgres when own && source.Kind == SourceKind.Postgres => new PostgresLabelSink(sp.GetRequiredService<PostgresNoteStore>(), nlp),
                SinkKind.Postgres when !own => new PostgresLabelSink(new PostgresNoteStore(sink.ConnectionString!, NoteSourceExtensions.StoreOptions(source)), nlp),
                SinkKind.Sqlite when own && source.Kind == SourceKind.Sqlite => new SqliteLabelSink(sp.GetRequiredService<SqliteNoteStore>(), nlp),
                SinkKind.Sqlite when !own => new SqliteLabelSink(new SqliteNoteStore(sink.ConnectionString!, NoteSourceExtensions.StoreOptions(source)), nlp),
                _ => throw new TextMiningException(ErrorCodes.StoreUnavailable, $"Sink:Kind {kind} needs Sink:ConnectionString (the source is {source.Kind})"),
            };
        });
        return builder;
    }
}
