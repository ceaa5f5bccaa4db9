using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Pipeline.Storage;
using Asclepius.TextMining.Worker.Labeling;
using Asclepius.TextMining.Worker.Options;
using Asclepius.TextMining.Worker.Sources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Asclepius.TextMining.Worker.Extensions;

public static class NoteSourceExtensions
{
    /// <summary>The note source (section "Source"): SQLite by default, PostgreSQL OMOP NOTE, or a watched folder.</summary>
    public static IHostApplicationBuilder AddNoteSource(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SourceOptions>().BindConfiguration(SourceOptions.Section)
            .Validate(o => o.BatchSize > 0, "Source:BatchSize must be at least 1")
            .Validate(o => o.MaxAttempts > 0, "Source:MaxAttempts must be at least 1")
            .Validate(o => o.LeaseDuration >= TimeSpan.FromSeconds(1), "Source:LeaseDuration must be at least one second")
            .Validate(o => o.Kind == SourceKind.Folder || !string.IsNullOrWhiteSpace(o.ConnectionString), "Source:ConnectionString is required for a database source")
            .Validate(o => ValidNames(o), "Source:NoteTable, NoteNlpTable, CdmSchema and WorkSchema must be plain names (letters, digits, '_'; a table may be 'schema.table')")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => StoreOptions(sp.GetRequiredService<IOptions<SourceOptions>>().Value));
        // The source's own store, shared with a sink on the same database (one transaction for labels and done marks).
        builder.Services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<SourceOptions>>().Value;
            return new PostgresNoteStore(o.ConnectionString, sp.GetRequiredService<NoteStoreOptions>());
        });
        builder.Services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<SourceOptions>>().Value;
            return new SqliteNoteStore(o.ConnectionString, sp.GetRequiredService<NoteStoreOptions>());
        });
        builder.Services.AddSingleton(sp => WorkerIdentity.Create(sp.GetRequiredService<IOptions<WorkerOptions>>().Value.WorkerId));
        builder.Services.AddSingleton<INoteSource>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<SourceOptions>>().Value;
            return o.Kind switch
            {
                SourceKind.Postgres => new PostgresNoteSource(sp.GetRequiredService<PostgresNoteStore>(), sp.GetRequiredService<WorkerIdentity>()),
                SourceKind.Folder => new FolderNoteSource(o, sp.GetRequiredService<ILogger<FolderNoteSource>>()),
                _ => new SqliteNoteSource(sp.GetRequiredService<SqliteNoteStore>(), sp.GetRequiredService<WorkerIdentity>()),
            };
        });
        return builder;
    }

    private static bool ValidNames(SourceOptions o)
    {
        try
        {
            StoreOptions(o).Validate();
            return true;
        }
        catch (TextMiningException)
        {
            return false;
        }
    }

    public static NoteStoreOptions StoreOptions(SourceOptions o) => new()
    {
        NoteTable = o.NoteTable,
        NoteNlpTable = o.NoteNlpTable,
        CdmSchema = o.CdmSchema,
        WorkSchema = o.WorkSchema,
        CreateSchema = o.CreateSchema,
        LeaseDuration = o.LeaseDuration,
        MaxAttempts = o.MaxAttempts,
        MaxNoteChars = o.MaxNoteChars,
    };
}
