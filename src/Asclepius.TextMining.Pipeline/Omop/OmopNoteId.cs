using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Asclepius.TextMining.Pipeline.Omop;

/// <summary>
/// OMOP note_id values are integers. A note id that is an integer is used as it is; any other id (a file
/// name, a UUID) maps to a stable positive 63-bit number from its SHA-256, and the original id is kept in
/// term_modifiers as "source_id=...". The same id always gives the same number.
/// </summary>
public static class OmopNoteId
{
    public static bool IsInteger(string id) => long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out _);

    public static long For(string id)
    {
        if (long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return n;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(id));
        return (long)(BitConverter.ToUInt64(hash, 0) & 0x7FFF_FFFF_FFFF_FFFFUL);
    }
}
