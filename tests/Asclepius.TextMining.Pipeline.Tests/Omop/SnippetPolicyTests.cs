using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Pipeline.Omop;

namespace Asclepius.TextMining.Pipeline.Tests.Omop;

/// <summary>What NOTE_NLP.snippet may carry out of a note: the mention (default), a masked window, or nothing.</summary>
public class SnippetPolicyTests
{
    private static readonly DateTime When = new(2026, 1, 2, 3, 4, 5);
    private const string Planted = "Patient Alice Example MRN 7654321 was given aspirin on 03/14/2024 by Dr. Bob Stone; call 555-867-5309 or Mrs Jane Roe.";

    private static NoteNlpRow Aspirin(NoteNlpOptions options, string text = Planted)
    {
        var start = text.IndexOf("aspirin", StringComparison.Ordinal);
        var doc = new AnnotatedDocument(new Document("7", text), [new Entity("T1", new TextSpan(start, start + 7), "Chemical", Source: AnnotationSource.Predicted)]);
        return NoteNlpMapper.Map(doc, "m 1", When, options).Single();
    }

    [Fact]
    public void The_default_snippet_is_the_mention_alone()
    {
        NoteNlpOptions.Default.Snippet.Should().Be(SnippetPolicy.Mention);
        Aspirin(NoteNlpOptions.Default).Snippet.Should().Be("aspirin");
    }

    [Fact]
    public void None_writes_no_snippet()
    {
        Aspirin(new NoteNlpOptions { Snippet = SnippetPolicy.None }).Snippet.Should().BeNull();
    }

    [Fact]
    public void A_window_masks_planted_names_numbers_dates_and_phones()
    {
        var snippet = Aspirin(new NoteNlpOptions { Snippet = SnippetPolicy.Window, SnippetRadius = 120 }).Snippet!;
        snippet.Should().Contain("aspirin").And.Contain("Patient [NAME]").And.Contain("MRN [ID]").And.Contain("[DATE]").And.Contain("[PHONE]").And.Contain("Dr. [NAME]");
        foreach (var identifier in new[] { "Alice", "Example", "7654321", "03/14/2024", "Bob", "Stone", "555-867-5309", "867", "Jane", "Roe" })
            snippet.Should().NotContain(identifier);
    }

    [Fact]
    public void A_window_cut_through_an_identifier_leaves_no_part_of_it()
    {
        // The radius ends inside the MRN: masking the whole note first means the cut piece is masked too.
        var snippet = Aspirin(new NoteNlpOptions { Snippet = SnippetPolicy.Window, SnippetRadius = 14 }).Snippet!;
        snippet.Should().Be("[ID] was given aspirin on [DATE]");
    }

    [Fact]
    public void Masking_can_be_turned_off_for_a_window()
    {
        Aspirin(new NoteNlpOptions { Snippet = SnippetPolicy.Window, SnippetRadius = 40, MaskIdentifiers = false }).Snippet.Should().Contain("7654321");
    }

    [Theory]
    [InlineData("Seen on March 3, 2021 for review", "Seen on [DATE] for review")]
    [InlineData("dob 1961-07-04.", "dob [DATE].")]
    [InlineData("Record #: 00123456 reviewed", "Record #: [ID] reviewed")]
    [InlineData("phone (555) 123-4567 today", "phone [PHONE] today")]
    [InlineData("Mr. O'Brien denies chest pain", "Mr. [NAME] denies chest pain")]
    [InlineData("Patient denies chest pain", "Patient denies chest pain")]
    [InlineData("aspirin 81 mg daily", "aspirin 81 mg daily")]
    public void The_masker_replaces_identifiers_and_leaves_clinical_text(string input, string expected)
    {
        SnippetMasker.Mask(input).Should().Be(expected);
    }
}
