using NpgsqlTypes;

namespace Asclepius.TextMining.Pipeline.Storage;

/// <summary>The id column types of the site's NOTE_NLP (integer in the CDM 5.4 DDL; bigint where a site widened them).</summary>
public sealed record NoteNlpColumns(NpgsqlDbType NoteNlpId, NpgsqlDbType NoteId);
