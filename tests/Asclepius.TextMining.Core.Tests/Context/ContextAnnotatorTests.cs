using Asclepius.TextMining.Core.Context;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Text;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Core.Tests.Context;

public sealed class ContextAnnotatorTests
{
    private static Assertions[] Run(string text, params string[] mentions) => Run(ContextAnnotator.Default, text, mentions);

    private static Assertions[] Run(ContextAnnotator annotator, string text, params string[] mentions)
    {
        var doc = Docs.Annotated("d1", text, mentions.Select(m => (m, "Problem")).ToArray());
        var result = annotator.Annotate(doc.Document, ClinicalTokenizer.Default.Tokenize(text), doc.Entities);
        result.Select(e => e.Span).Should().Equal(doc.Entities.Select(e => e.Span), "annotators never move entities");
        return result.Select(e => e.Assertions).ToArray();
    }

    [Fact]
    public void Forward_negation_covers_a_list()
    {
        Run("Patient denies chest pain, dyspnea, or palpitations.", "chest pain", "dyspnea", "palpitations")
            .Should().AllBeEquivalentTo(Assertions.Negated);
    }

    [Fact]
    public void Colon_after_the_trigger_does_not_end_its_scope()
    {
        Run("Denies: chest pain, dyspnea, or palpitations.", "chest pain", "palpitations").Should().AllBeEquivalentTo(Assertions.Negated);
    }

    [Fact]
    public void A_value_after_a_colon_governs_only_its_own_item()
    {
        Run("ROS: fever: none, cough: yes, headache: no.", "fever", "cough", "headache")
            .Should().Equal(Assertions.Negated, Assertions.None, Assertions.Negated);
        Run("cough: yes, fever: none", "cough", "fever").Should().Equal(Assertions.None, Assertions.Negated);
    }

    [Fact]
    public void Negation_inside_the_mention_is_not_lost()
    {
        Run("She has no headache today.", "no headache").Should().Equal(Assertions.Negated);
        Run("Chest pain free since noon.", "Chest pain free").Should().Equal(Assertions.Negated);
    }

    [Fact]
    public void A_trigger_in_the_middle_of_a_long_mention_does_not_negate_it()
    {
        Run("There is a disc bulge without canal compromise.", "disc bulge without canal compromise").Should().Equal(Assertions.None);
    }

    [Fact]
    public void Pseudo_triggers_hide_the_trigger_inside_them()
    {
        Run("Gram negative rods grew in culture.", "rods").Should().Equal(Assertions.None);
        Run("The patient tolerated the procedure without complication and pneumonia was treated.", "pneumonia").Should().Equal(Assertions.None);
    }

    [Fact]
    public void Terminators_end_the_scope()
    {
        Run("No fever but he has a cough.", "fever", "cough").Should().Equal(Assertions.Negated, Assertions.None);
    }

    [Fact]
    public void Backward_triggers_look_back()
    {
        Run("Pulmonary embolism was ruled out.", "Pulmonary embolism").Should().Equal(Assertions.Negated);
        Run("Pneumothorax is not seen.", "Pneumothorax").Should().Equal(Assertions.Negated);
    }

    [Fact]
    public void A_trigger_inside_parentheses_stays_inside()
    {
        Run("The report (slides not reviewed here) shows lymphoma.", "lymphoma").Should().Equal(Assertions.None);
    }

    [Fact]
    public void Scope_does_not_reach_the_next_sentence()
    {
        Run("No fever. Cough since Monday.", "fever", "Cough").Should().Equal(Assertions.Negated, Assertions.None);
    }

    [Fact]
    public void Other_categories_are_found()
    {
        Run("History of myocardial infarction.", "myocardial infarction").Should().Equal(Assertions.Historical);
        Run("Possible pneumonia.", "pneumonia").Should().Equal(Assertions.Uncertain);
        Run("Return if chest pain recurs.", "chest pain").Should().Equal(Assertions.Hypothetical);
        Run("Mother had breast cancer.", "breast cancer").Should().Equal(Assertions.Family);
        Run("No family history of colon cancer.", "colon cancer").Should().Equal(Assertions.Negated | Assertions.Family);
    }

    [Fact]
    public void Maximum_scope_limits_a_trigger()
    {
        var rules = ContextRuleSet.Parse("""
            { "format": "asclepius-context-rules", "version": 1, "max_scope": 2,
              "rules": [ { "literal": "no", "category": "negated", "direction": "forward" } ] }
            """);
        Run(new ContextAnnotator(rules), "No fever chills or sweats.", "fever", "sweats").Should().Equal(Assertions.Negated, Assertions.None);
    }

    [Fact]
    public void Label_restrictions_are_honoured()
    {
        var rules = ContextRuleSet.Parse("""
            { "format": "asclepius-context-rules", "version": 1,
              "rules": [ { "literal": "no", "category": "negated", "direction": "forward", "allowed_labels": ["Problem"] } ] }
            """);
        var doc = new AnnotatedDocument(new Document("d", "No aspirin or fever."),
            [new Entity("T1", new TextSpan(3, 10), "Drug"), new Entity("T2", new TextSpan(14, 19), "Problem")]);
        var result = new ContextAnnotator(rules).Annotate(doc.Document, ClinicalTokenizer.Default.Tokenize(doc.Text), doc.Entities);
        result.Select(e => e.Assertions).Should().Equal(Assertions.None, Assertions.Negated);
    }

    [Fact]
    public void Existing_flags_are_kept_and_no_entities_gives_no_entities()
    {
        var doc = new Document("d", "No fever.");
        var e = new Entity("T1", new TextSpan(3, 8), "Problem", Assertions: Assertions.Historical);
        ContextAnnotator.Default.Annotate(doc, ClinicalTokenizer.Default.Tokenize(doc.Text), [e])[0].Assertions
            .Should().Be(Assertions.Historical | Assertions.Negated);
        ContextAnnotator.Default.Annotate(doc, ClinicalTokenizer.Default.Tokenize(doc.Text), []).Should().BeEmpty();
    }
}
