using Asclepius.TextMining.Core.Errors;
using FluentAssertions;

namespace Asclepius.TextMining.TestKit;

/// <summary>
/// The two promises every backend's options.json makes (Core/Packaging/OptionsJson): what a package already on disk
/// holds loads and is written back byte for byte (so a retrained package is identical), and an unknown key is a package
/// error that lists the allowed keys.
/// </summary>
public static class OptionsJsonChecks
{
    private const string Location = "m.zip!components/x/options.json";

    /// <param name="writtenBack">What writing the loaded options gives, when a key was added since (null: <paramref name="written"/> itself).</param>
    public static void LoadsAndWritesBack<T>(string written, Func<string, string, T> read, Func<T, string> write, T expected, string? writtenBack = null)
    {
        var options = read(written, Location);
        options.Should().Be(expected);
        write(options).Should().Be(writtenBack ?? written);
    }

    /// <param name="what">The backend as the error names it ("transformer").</param>
    public static void UnknownKeyListsAllowedKeys<T>(Func<string, string, T> read, string what, params string[] allowed)
    {
        var act = () => read("{\"epochs\": 2, \"epoch\": 3}", Location);
        var error = act.Should().Throw<TextMiningException>().Which;
        error.Code.Should().Be(ErrorCodes.PackageMalformed);
        error.Location.Should().Be(Location);
        error.Message.Should().Contain($"unknown {what} option(s) epoch; allowed: ");
        foreach (var key in allowed) error.Message.Should().Contain(key);
    }
}
