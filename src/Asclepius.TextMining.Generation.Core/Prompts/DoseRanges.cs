using System.Globalization;
using System.Text.RegularExpressions;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Generation.Data;

namespace Asclepius.TextMining.Generation.Prompts;

/// <summary>
/// Plausible dose amounts per drug class (data/dose-ranges.tsv, outside data/lexicons because it is not a lexicon; header
/// "class\tunit\tmin\tmax", one row per class and unit): a relation triple pairing a dose with a drug
/// keeps the amount inside the drug class's range, so a prompt never asks for "atropine 650 mg".
/// A dose name without a leading amount ("high doses") fits every drug; a drug class with no row gets
/// only such doses. Loaded strictly: a class not in the drug lexicon, a unit no dose uses, a bad number
/// or min &gt; max is an error naming file and line.
/// </summary>
public sealed partial class DoseRanges
{
    public const string FileName = "dose-ranges.tsv";

    private readonly Dictionary<(string Class, string Unit), (double Min, double Max)> _ranges;

    private DoseRanges(Dictionary<(string Class, string Unit), (double Min, double Max)> ranges) => _ranges = ranges;

    public static DoseRanges Load(string path, IReadOnlySet<string> drugClasses, IReadOnlySet<string> doseUnits)
    {
        var ranges = new Dictionary<(string, string), (double, double)>();
        foreach (var (cols, where) in DataTsv.Rows(path, "dose range file", "class", "unit", "min", "max"))
        {
            var (cls, unit) = (cols[0].Trim(), cols[1].Trim());
            if (!drugClasses.Contains(cls)) throw new TextMiningException(ErrorCodes.MalformedRecord, $"class '{cls}' is not a class of the drug lexicon", where);
            if (!doseUnits.Contains(unit)) throw new TextMiningException(ErrorCodes.MalformedRecord, $"unit '{unit}' is not the unit of any dose in the dose lexicon", where);
            var min = Number(cols[2], "min", where);
            var max = Number(cols[3], "max", where);
            if (min > max) throw new TextMiningException(ErrorCodes.MalformedRecord, $"min {cols[2]} is above max {cols[3]}", where);
            if (!ranges.TryAdd((cls, unit), (min, max))) throw new TextMiningException(ErrorCodes.MalformedRecord, $"a second row for class '{cls}' and unit '{unit}'", where);
        }
        if (ranges.Count == 0) throw new TextMiningException(ErrorCodes.EmptyInput, "the dose range file has no rows", path);
        return new DoseRanges(ranges);
    }

    /// <summary>Whether a dose (its preferred name) may be paired with a drug of <paramref name="drugClass"/>.</summary>
    public bool Allows(string drugClass, string doseName)
    {
        if (Amount(doseName) is not { } dose) return true;
        return _ranges.TryGetValue((drugClass, dose.Unit), out var r) && dose.Value >= r.Min && dose.Value <= r.Max;
    }

    /// <summary>The leading amount and unit of a dose name ("650 mg", "0.5%", "10 µg/kg/min"), or null for doses without one.</summary>
    public static (double Value, string Unit)? Amount(string doseName)
    {
        var m = AmountPattern().Match(doseName.Trim());
        if (!m.Success) return null;
        return (double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m.Groups[2].Value);
    }

    private static double Number(string text, string column, string where)
    {
        if (!double.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
            throw new TextMiningException(ErrorCodes.MalformedRecord, $"{column} '{text}' is not a non-negative number", where);
        return v;
    }

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)\s*(\S+)$")]
    private static partial Regex AmountPattern();
}
