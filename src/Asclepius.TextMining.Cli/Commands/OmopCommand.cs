using System.CommandLine;
using System.Globalization;
using Asclepius.TextMining.Cli.Infrastructure;
using Asclepius.TextMining.Pipeline.Storage;

namespace Asclepius.TextMining.Cli.Commands;

/// <summary>
/// `asclepius omop init`: the DDL and GRANTs a DBA runs once so the worker can run as a least-privilege
/// role (printed, or applied with --apply). `asclepius omop status`: where the notes stand per model
/// version: pending, leased (per holder, with the age of the oldest lease and how many expired), parked, done.
/// </summary>
public static class OmopCommand
{
    public static Command Create()
    {
        var command = new Command("omop", "OMOP CDM on PostgreSQL: set up the worker's schema and role (init), see the work queue (status).");
        command.Subcommands.Add(Init());
        command.Subcommands.Add(Status());
        return command;
    }

    private static Option<string> CdmSchema() => new("--cdm-schema") { Description = "Schema of NOTE and NOTE_NLP.", DefaultValueFactory = _ => "public" };

    private static Option<string> WorkSchema() => new("--work-schema") { Description = "The worker's own schema (work table, note_nlp_id sequence).", DefaultValueFactory = _ => "asclepius" };

    private static Option<string> Connection(bool required) => new("--connection") { Description = "PostgreSQL: postgres://user@host:port/db or \"Host=...;Database=...\".", Required = required };

    private static Command Init()
    {
        var cdm = CdmSchema();
        var work = WorkSchema();
        var role = new Option<string>("--role") { Description = "The role the worker logs in as (create it first: CREATE ROLE name LOGIN PASSWORD '...').", Required = true };
        var createCdm = new Option<bool>("--create-cdm-tables") { Description = "Also create NOTE and NOTE_NLP as CDM 5.4 defines them (a database with no CDM yet)." };
        var apply = new Option<bool>("--apply") { Description = "Run the script on --connection (as a role allowed to create and grant) instead of printing it." };
        var connection = Connection(required: false);
        var command = new Command("init", "Print (or --apply) the DDL of the worker's schema and the GRANTs of a least-privilege worker role.")
        {
            cdm, work, role, createCdm, apply, connection,
        };
        command.SetAction(parse => CommandAction.Run(() =>
        {
            var options = new NoteStoreOptions { CdmSchema = parse.GetValue(cdm)!, WorkSchema = parse.GetValue(work)! };
            var script = PostgresOmopSchema.InitScript(options, parse.GetValue(role)!, parse.GetValue(createCdm));
            if (!parse.GetValue(apply))
            {
                Console.Write(script);
                return CliApp.Ok;
            }
            var cs = parse.GetValue(connection) ?? throw new UsageException("--apply needs --connection");
            PostgresOmopSchema.ApplyAsync(cs, options, parse.GetValue(role)!, parse.GetValue(createCdm), CancellationToken.None).GetAwaiter().GetResult();
            Console.WriteLine($"applied: work schema {options.WorkSchema}, grants for {parse.GetValue(role)} on {options.Note}, {options.NoteNlp}");
            return CliApp.Ok;
        }));
        return command;
    }

    private static Command Status()
    {
        var cdm = CdmSchema();
        var work = WorkSchema();
        var connection = Connection(required: true);
        var system = new Option<string?>("--nlp-system") { Description = "One model version (\"name version\"); default: every version in the work table." };
        var command = new Command("status", "Notes per state and lease holders for each model version in the work table.")
        {
            cdm, work, connection, system,
        };
        command.SetAction(parse => CommandAction.Run(() =>
        {
            var options = new NoteStoreOptions { CdmSchema = parse.GetValue(cdm)!, WorkSchema = parse.GetValue(work)!, CreateSchema = false };
            var list = Query(parse.GetValue(connection)!, options, parse.GetValue(system)).GetAwaiter().GetResult();
            if (list.Count == 0) Console.WriteLine("no model version has queued notes yet");
            foreach (var q in list)
            {
                var c = q.Counts;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{q.NlpSystem}: {c.Pending:N0} pending, {c.NotQueued:N0} not queued, {c.Leased:N0} leased, {c.Parked:N0} parked, {c.Done:N0} done"));
                foreach (var l in q.Leases)
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  leased by {l.WorkerId}: {l.Notes:N0} notes, oldest {l.OldestAge.TotalSeconds:F0} s{(l.Expired > 0 ? $", {l.Expired:N0} expired (worker gone? they are retaken by the next claim)" : "")}"));
            }
            return CliApp.Ok;
        }));
        return command;
    }

    private static async Task<IReadOnlyList<QueueStatus>> Query(string connection, NoteStoreOptions options, string? nlpSystem)
    {
        await using var store = new PostgresNoteStore(connection, options);
        return await store.StatusAsync(nlpSystem, CancellationToken.None);
    }
}
