using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Pipeline.Notes;
using Asclepius.TextMining.Pipeline.Storage;

namespace Asclepius.TextMining.Pipeline.Tests.Storage;

/// <summary>What goes to last_error and the worker's errors.jsonl: codes, positions and exception types, never text from a message.</summary>
public class FailureReasonsTests
{
    private const string Secret = "Mrs Jane Roe (MRN 123456)";

    [Fact]
    public void A_component_failure_keeps_the_exception_type_and_drops_its_message()
    {
        var outcome = LabelOutcome.Failure(new Document("17", $"{Secret} presents"), ErrorCodes.ComponentFailed,
            $"a component failed on this note: InvalidOperationException: bad token '{Secret}'", "InvalidOperationException");
        var reason = FailureReasons.For(outcome);
        reason.Should().Be("a component failed on this note (InvalidOperationException)");
        reason.Should().NotContain("Jane").And.NotContain("123456");
    }

    [Fact]
    public void A_reader_problem_keeps_the_code_description_and_line_and_drops_its_message()
    {
        var problem = new NoteProblem("4", "notes.csv", 5, ErrorCodes.MissingColumn, $"no column 'text'; the columns are: 17, {Secret} presents with");
        FailureReasons.For(problem).Should().Be("a missing column or a wrong column count (line 5)");
        FailureReasons.For(problem with { Code = "ATM999" }).Should().Be("could not be labeled (line 5)");
    }
}
