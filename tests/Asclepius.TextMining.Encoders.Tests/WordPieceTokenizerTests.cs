using Asclepius.TextMining.Encoders.Tokenization;

namespace Asclepius.TextMining.Encoders.Tests;

public sealed class WordPieceTokenizerTests
{
    private static readonly WordPieceTokenizer Tokenizer = new(
        ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "the", "patient", "took", "cis", "##plat", "##in", "cafe", ".", ",", "(", ")", "nausea", "-", "5", "##mg"]);

    private static string Show(string text) =>
        string.Join(" ", Tokenizer.Tokenize(text).Select(p => $"{p.Text}@{text[p.Start..p.End]}"));

    [Fact]
    public void Words_split_into_longest_pieces_that_map_back_to_their_characters()
    {
        Show("The patient took Cisplatin.").Should().Be("the@The patient@patient took@took cis@Cis ##plat@plat ##in@in .@.");
    }

    [Fact]
    public void Accents_are_stripped_without_moving_offsets_and_punctuation_stands_alone()
    {
        Show("  Café (5mg),nausea").Should().Be("cafe@Café (@( 5@5 ##mg@mg )@) ,@, nausea@nausea");
    }

    [Fact]
    public void A_word_with_an_unknown_part_is_one_unknown_piece_over_the_whole_word()
    {
        var pieces = Tokenizer.Tokenize("the cisxyz patient");
        pieces.Select(p => p.Id).Should().Equal(4, Tokenizer.UnknownId, 5);
        pieces[1].Should().Be(new WordPiece(Tokenizer.UnknownId, "[UNK]", 4, 10));
    }

    [Fact]
    public void The_special_ids_come_from_the_vocabulary()
    {
        (Tokenizer.PadId, Tokenizer.UnknownId, Tokenizer.ClsId, Tokenizer.SepId).Should().Be((0, 1, 2, 3));
        var missing = () => new WordPieceTokenizer(["a", "b"]);
        missing.Should().Throw<InvalidDataException>().WithMessage("*[UNK]*");
    }
}
