using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Sections;
using Asclepius.TextMining.Core.Text;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Core.Tests.Sections;

public sealed class SectionAnnotatorTests
{
    [Fact]
    public void Entities_get_their_section_and_its_flags()
    {
        var text = "Cough today.\nPAST MEDICAL HISTORY: Asthma.\nFAMILY HISTORY: Mother with diabetes.\nPLAN: Treat asthma.";
        var doc = Docs.Annotated("d", text, ("Cough", "Problem"), ("Asthma", "Problem"), ("diabetes", "Problem"), ("asthma", "Problem"));
        var result = SectionAnnotator.Default.Annotate(doc.Document, ClinicalTokenizer.Default.Tokenize(text), doc.Entities);
        result.Select(e => e.Section).Should().Equal(null, "past_medical_history", "family_history", "plan");
        result.Select(e => e.Assertions).Should().Equal(Assertions.None, Assertions.Historical, Assertions.Family, Assertions.None);
    }
}
