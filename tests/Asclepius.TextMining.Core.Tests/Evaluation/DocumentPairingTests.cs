using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Evaluation;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Core.Tests.Evaluation;

public class DocumentPairingTests
{
    [Fact]
    public void Documents_missing_on_either_side_are_listed()
    {
        var gold = Enumerable.Range(1, 8).Select(i => Docs.Annotated($"g{i}", "text")).ToList();
        var pred = gold.Skip(1).Append(Docs.Annotated("extra", "text")).ToList();
        var act = () => DocumentPairing.Pair(gold, pred);
        act.Should().Throw<TextMiningException>()
            .Where(e => e.Code == ErrorCodes.DocumentsUnmatched
                        && e.Message.Contains("1 gold document(s) have no prediction (g1)")
                        && e.Message.Contains("1 predicted document(s) are not in gold (extra)"));
    }

    [Fact]
    public void Long_lists_of_missing_documents_are_cut_to_examples()
    {
        var gold = Enumerable.Range(1, 8).Select(i => Docs.Annotated($"g{i}", "text")).ToList();
        var act = () => DocumentPairing.Pair(gold, []);
        act.Should().Throw<TextMiningException>().Where(e => e.Message.Contains("8 gold document(s)") && e.Message.Contains("g5, and 3 more"));
    }

    [Fact]
    public void Differing_text_is_an_error_naming_the_document_not_its_text()
    {
        var gold = new[] { Docs.Annotated("note-7", "Patient denies chest pain.") };
        var pred = new[] { Docs.Annotated("note-7", "Patient denies chest pain!") };
        var act = () => DocumentPairing.Pair(gold, pred);
        act.Should().Throw<TextMiningException>()
            .Where(e => e.Code == ErrorCodes.DocumentTextDiffers && e.Message.Contains("document note-7")
                        && e.Message.Contains("offset 25") && !e.Message.Contains("chest"));
    }

    [Fact]
    public void Repeated_ids_are_an_error()
    {
        var gold = new[] { Docs.Annotated("a", "x"), Docs.Annotated("a", "x") };
        var act = () => DocumentPairing.Pair(gold, gold);
        act.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.DuplicateId && e.Message.Contains("gold"));
    }

    [Fact]
    public void Pairs_follow_gold_order()
    {
        var gold = new[] { Docs.Annotated("b", "x"), Docs.Annotated("a", "y") };
        var pred = new[] { Docs.Annotated("a", "y"), Docs.Annotated("b", "x") };
        DocumentPairing.Pair(gold, pred).Select(p => p.Id).Should().Equal("b", "a");
    }

    [Fact]
    public void In_order_pairing_ignores_ids_but_not_texts()
    {
        var gold = new[] { Docs.Annotated("gold-1", "a b"), Docs.Annotated("gold-2", "c d") };
        var pred = new[] { Docs.Annotated("pred-1", "a b"), Docs.Annotated("pred-2", "c d") };
        DocumentPairing.Pair(gold, pred, DocumentPairingMode.InOrder).Select(p => (p.Gold.Id, p.Predicted.Id))
            .Should().Equal(("gold-1", "pred-1"), ("gold-2", "pred-2"));

        var shifted = new[] { Docs.Annotated("pred-1", "c d"), Docs.Annotated("pred-2", "a b") };
        var act = () => DocumentPairing.Pair(gold, shifted, DocumentPairingMode.InOrder);
        act.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.DocumentTextDiffers && e.Message.Contains("document 1 (gold-1)"));

        var fewer = () => DocumentPairing.Pair(gold, pred.Take(1).ToList(), DocumentPairingMode.InOrder);
        fewer.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.DocumentsUnmatched && e.Message.Contains("gold has 2 and predicted 1"));
    }
}
