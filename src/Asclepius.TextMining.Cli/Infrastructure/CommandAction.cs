using Asclepius.TextMining.Core.Errors;

namespace Asclepius.TextMining.Cli.Infrastructure;

/// <summary>Runs a command body and turns expected failures into a clear message and exit code, never a stack trace.</summary>
public static class CommandAction
{
    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (UsageException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return CliApp.BadUsage;
        }
        catch (TextMiningException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return CliApp.Failed;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A file that cannot be written or read (a full disk, no permission): coded like every other failure.
            Console.Error.WriteLine($"error: [{ErrorCodes.UnreadableInput}] {ex.Message}");
            return CliApp.Failed;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("cancelled");
            return CliApp.Failed;
        }
    }
}
