using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Formats;

namespace Asclepius.TextMining.Core.Tests.Formats;

/// <summary>
/// Bad input, reader by reader: strict mode throws a coded error naming file and line; lenient mode reports
/// the same problem, skips the bad record and reads the others.
/// </summary>
public class MalformedInputTests
{
    /// <param name="Target">file (or "" for the folder) passed to the reader</param>
    /// <param name="ErrorFile">file named by the error ("" = the folder)</param>
    public sealed record Case(string Format, string Target, (string Name, string Content)[] Files, string Code, string ErrorFile, int? Line, int LenientDocs, ReadOptions? Options = null);

    private const string JsonGood1 = """{"id":"a","text":"aspirin","entities":[{"id":"T1","start":0,"end":7,"label":"Drug","text":"aspirin"}],"relations":[]}""";
    private const string JsonGood3 = """{"id":"c","text":"no entities here","entities":[],"relations":[],"metadata":{"k":"v"}}""";

    private static Case Jsonl(string bad, string code, int? line = 2, int lenient = 2) =>
        new(JsonlFormat.FormatName, "c.jsonl", [("c.jsonl", JsonGood1 + "\n" + bad + "\n" + JsonGood3 + "\n")], code, "c.jsonl", line, lenient);

    private static string JsonEntity(string entity) =>
        "{\"id\":\"b\",\"text\":\"aspirin\",\"entities\":[" + entity + "],\"relations\":[]}";

    private const string PtGood1 = "1|t|Aspirin causes pain.\n1|a|It hurts.\n1\t0\t7\tAspirin\tChemical\tD001241\n1\t15\t19\tpain\tDisease\tD010146\n1\tCID\tD001241\tD010146\n\n";
    private const string PtGood3 = "\n3|t|Good.\n3|a|Fine.\n";

    // The bad document's annotation lines start at line 9.
    private static Case PubTator(string badLines, string code, int? line = 9, int lenient = 2) =>
        new(PubTatorFormat.FormatName, "p.txt", [("p.txt", PtGood1 + "2|t|Heparin and bleeding.\n2|a|Rare.\n" + badLines + "\n" + PtGood3)], code, "p.txt", line, lenient);

    private const string ConllHead = "-DOCSTART-\tO\n\nAspirin\tB-Chemical\ncauses\tO\n\n";
    private const string ConllTail = "\n\n-DOCSTART-\tO\n\nHeparin\tB-Chemical\n";

    // The bad line is line 7.
    private static Case Conll(string badLine, string code) =>
        new(ConllFormat.FormatName, "b.conll", [("b.conll", ConllHead + "pain\tO\n" + badLine + ConllTail)], code, "b.conll", 7, 2);

    private static Case Brat(string ann, string code, int? line) =>
        new(BratFormat.FormatName, "", [("a.txt", "Aspirin causes pain."), ("a.ann", ann), ("b.txt", "Heparin."), ("b.ann", "T1\tDrug 0 7\tHeparin\n")], code, "a.ann", line, 1);

    private static Case BioBert(string bad, string code) =>
        new(BioBertTsvFormat.FormatName, "t.tsv", [("t.tsv", "@GENE$ causes @DISEASE$.\t1\n" + bad + "\n@DISEASE$ and @GENE$.\t0\n")], code, "t.tsv", 2, 2);

    private const string AdeGood1 = "1|Aspirin caused rash.|rash|25|29|Aspirin|10|17\n";
    private const string AdeGood3 = "3|Heparin caused bleeding.|bleeding|15|23|Heparin|0|7\n";

    private static Case Ade(string bad, string code) =>
        new(AdeFormat.FormatName, "DRUG-AE.rel", [("DRUG-AE.rel", AdeGood1 + bad + "\n" + AdeGood3)], code, "DRUG-AE.rel", 2, 2);

    private static Case ChemProt(string bad, string code) =>
        new(ChemProtFormat.FormatName, "c.jsonl",
            [("c.jsonl", """{"text": "<< aspirin >> inhibits [[ COX-2 ]].", "label": "INHIBITOR", "metadata": []}""" + "\n" + bad + "\n"
                         + """{"text": "<< celecoxib >> blocks [[ COX-2 ]].", "label": "INHIBITOR", "metadata": []}""" + "\n")],
            code, "c.jsonl", 2, 2);

    private const string NegHeader = "line number\tCondition\tsentence\tnegation_status (negated, affirmed, possible)\ttemporality (historical, recent, hypothetical)\texperiencer (patient, other)\n";

    // Header on line 1, good row 2, bad row 3, good row 4.
    private static Case NegEx(string bad, string code) =>
        new(NegExFormat.FormatName, "n.txt", [("n.txt", NegHeader + "1\tpain\tNo PAIN.\tNegated\tRecent\tPatient\n" + bad + "\n3\tcough\tCOUGH today.\tAffirmed\tRecent\tPatient\n")],
            code, "n.txt", 3, 2);

    private static Case Csv(string bad, string code, int line = 3, int lenient = 2, ReadOptions? options = null) =>
        new(CsvFormat.FormatName, "n.csv", [("n.csv", "id,text\n1,hello\n" + bad + "\n3,bye\n")], code, "n.csv", line, lenient, options);

    private static Case Txt(string bad, string code, int? line, ReadOptions? options = null) =>
        new(TxtFormat.FormatName, "", [("a.txt", "fine"), ("b.txt", bad), ("c.txt", "also fine")], code, "b.txt", line, 2, options);

    public static readonly IReadOnlyDictionary<string, Case> Cases = new Dictionary<string, Case>
    {
        // JSONL
        ["jsonl_truncated_line"] = Jsonl("""{"id":"b","text":"asp""", ErrorCodes.MalformedRecord),
        ["jsonl_not_an_object"] = Jsonl("[1,2]", ErrorCodes.MalformedRecord),
        ["jsonl_missing_id"] = Jsonl("""{"text":"aspirin"}""", ErrorCodes.MalformedRecord),
        ["jsonl_missing_text"] = Jsonl("""{"id":"b"}""", ErrorCodes.MalformedRecord),
        ["jsonl_offsets_past_end"] = Jsonl(JsonEntity("""{"id":"T1","start":0,"end":99,"label":"Drug","text":"aspirin"}"""), ErrorCodes.OffsetsOutOfRange),
        ["jsonl_negative_offset"] = Jsonl(JsonEntity("""{"id":"T1","start":-1,"end":7,"label":"Drug","text":"aspirin"}"""), ErrorCodes.OffsetsOutOfRange),
        ["jsonl_reversed_offsets"] = Jsonl(JsonEntity("""{"id":"T1","start":5,"end":2,"label":"Drug","text":"aspirin"}"""), ErrorCodes.OffsetsOutOfRange),
        ["jsonl_text_slice_mismatch"] = Jsonl(JsonEntity("""{"id":"T1","start":0,"end":7,"label":"Drug","text":"heparin"}"""), ErrorCodes.TextMismatch),
        ["jsonl_entity_without_text"] = Jsonl(JsonEntity("""{"id":"T1","start":0,"end":7,"label":"Drug"}"""), ErrorCodes.MalformedRecord),
        ["jsonl_offset_not_integer"] = Jsonl(JsonEntity("""{"id":"T1","start":"0","end":7,"label":"Drug","text":"aspirin"}"""), ErrorCodes.MalformedRecord),
        ["jsonl_empty_label"] = Jsonl(JsonEntity("""{"id":"T1","start":0,"end":7,"label":"","text":"aspirin"}"""), ErrorCodes.MalformedRecord),
        ["jsonl_unknown_assertion"] = Jsonl(JsonEntity("""{"id":"T1","start":0,"end":7,"label":"Drug","text":"aspirin","assertions":["denied"]}"""), ErrorCodes.MalformedRecord),
        ["jsonl_unknown_source"] = Jsonl(JsonEntity("""{"id":"T1","start":0,"end":7,"label":"Drug","text":"aspirin","source":"guessed"}"""), ErrorCodes.MalformedRecord),
        ["jsonl_score_out_of_range"] = Jsonl(JsonEntity("""{"id":"T1","start":0,"end":7,"label":"Drug","text":"aspirin","score":1.5}"""), ErrorCodes.MalformedRecord),
        ["jsonl_duplicate_entity_id"] = Jsonl(JsonEntity("""{"id":"T1","start":0,"end":7,"label":"Drug","text":"aspirin"},{"id":"T1","start":0,"end":3,"label":"Drug","text":"asp"}"""), ErrorCodes.DuplicateId),
        ["jsonl_dangling_relation_head"] = Jsonl("""{"id":"b","text":"aspirin","entities":[{"id":"T1","start":0,"end":7,"label":"Drug","text":"aspirin"}],"relations":[{"id":"R1","label":"X","head":"T9","tail":"T1"}]}""", ErrorCodes.DanglingReference),
        ["jsonl_dangling_relation_tail"] = Jsonl("""{"id":"b","text":"aspirin","entities":[{"id":"T1","start":0,"end":7,"label":"Drug","text":"aspirin"}],"relations":[{"id":"R1","label":"X","head":"T1","tail":"T2"}]}""", ErrorCodes.DanglingReference),
        ["jsonl_duplicate_document_id"] = Jsonl("""{"id":"a","text":"again"}""", ErrorCodes.DuplicateId),
        ["jsonl_nested_metadata"] = Jsonl("""{"id":"b","text":"x","metadata":{"k":{"deep":1}}}""", ErrorCodes.MalformedRecord),
        ["jsonl_invalid_utf8"] = Jsonl("""{"id":"b","text":"asp<FF>irin"}""", ErrorCodes.InvalidEncoding),
        ["jsonl_nul_byte"] = Jsonl("""{"id":"b","text":"a<NUL>b"}""", ErrorCodes.InvalidEncoding),
        ["jsonl_empty_file"] = new(JsonlFormat.FormatName, "c.jsonl", [("c.jsonl", "")], ErrorCodes.EmptyInput, "c.jsonl", null, 0),

        // PubTator
        ["pubtator_offsets_past_end"] = PubTator("2\t12\t99\tbleeding\tDisease\tD1", ErrorCodes.OffsetsOutOfRange),
        ["pubtator_negative_offset"] = PubTator("2\t-3\t7\tHeparin\tChemical\tD1", ErrorCodes.OffsetsOutOfRange),
        ["pubtator_reversed_offsets"] = PubTator("2\t7\t0\tHeparin\tChemical\tD1", ErrorCodes.OffsetsOutOfRange),
        ["pubtator_text_slice_mismatch"] = PubTator("2\t0\t7\tAspirin\tChemical\tD1", ErrorCodes.TextMismatch),
        ["pubtator_offset_not_integer"] = PubTator("2\tx\t7\tHeparin\tChemical\tD1", ErrorCodes.MalformedRecord),
        ["pubtator_truncated_mention"] = PubTator("2\t0\t7", ErrorCodes.MalformedRecord),
        ["pubtator_mention_without_type"] = PubTator("2\t0\t7\tHeparin", ErrorCodes.MalformedRecord),
        ["pubtator_empty_type"] = PubTator("2\t0\t7\tHeparin\t\tD1", ErrorCodes.MalformedRecord),
        ["pubtator_mention_of_other_document"] = PubTator("9\t0\t7\tHeparin\tChemical\tD1", ErrorCodes.MalformedRecord),
        ["pubtator_unknown_concept_in_cid"] = PubTator("2\t0\t7\tHeparin\tChemical\tD1\n2\tCID\tD1\tD999", ErrorCodes.DanglingReference, line: 10),
        ["pubtator_relation_with_extra_fields"] = PubTator("2\tCID\tD1\tD2\tD3", ErrorCodes.MalformedRecord),
        ["pubtator_duplicate_pmid"] = new(PubTatorFormat.FormatName, "p.txt", [("p.txt", PtGood1 + "1|t|Again.\n1|a|Same id.\n" + PtGood3)], ErrorCodes.DuplicateId, "p.txt", 7, 2),
        ["pubtator_mention_before_title"] = new(PubTatorFormat.FormatName, "p.txt", [("p.txt", "1\t0\t7\tAspirin\tChemical\tD1\n\n" + PtGood1)], ErrorCodes.MalformedRecord, "p.txt", 1, 1),
        ["pubtator_invalid_utf8"] = new(PubTatorFormat.FormatName, "p.txt", [("p.txt", PtGood1 + "2|t|Heparin.\n2|a|Ra<FF>re.\n" + PtGood3)], ErrorCodes.InvalidEncoding, "p.txt", 8, 2),
        ["pubtator_empty_file"] = new(PubTatorFormat.FormatName, "p.txt", [("p.txt", "")], ErrorCodes.EmptyInput, "p.txt", null, 0),

        // CoNLL
        ["conll_one_column"] = Conll("lonely", ErrorCodes.MissingColumn),
        ["conll_bad_tag"] = Conll("pain\tX-Disease", ErrorCodes.MalformedRecord),
        ["conll_tag_without_type"] = Conll("pain\tB-", ErrorCodes.MalformedRecord),
        ["conll_empty_token"] = Conll("\tO", ErrorCodes.MalformedRecord),
        ["conll_invalid_utf8"] = Conll("pa<FF>in\tO", ErrorCodes.InvalidEncoding),
        ["conll_empty_file"] = new(ConllFormat.FormatName, "b.conll", [("b.conll", "")], ErrorCodes.EmptyInput, "b.conll", null, 0),

        // BRAT
        ["brat_offsets_past_end"] = Brat("T1\tDrug 0 99\tAspirin causes pain.", ErrorCodes.OffsetsOutOfRange, 1),
        ["brat_negative_offset"] = Brat("T1\tDrug -1 7\tAspirin", ErrorCodes.OffsetsOutOfRange, 1),
        ["brat_reversed_offsets"] = Brat("T1\tDrug 7 0\tAspirin", ErrorCodes.OffsetsOutOfRange, 1),
        ["brat_text_slice_mismatch"] = Brat("T1\tDrug 0 7\tAspirin\nT2\tDisease 15 19\tache", ErrorCodes.TextMismatch, 2),
        ["brat_truncated_t_line"] = Brat("T1\tDrug 0 7", ErrorCodes.MalformedRecord, 1),
        ["brat_offsets_not_numbers"] = Brat("T1\tDrug a b\tAspirin", ErrorCodes.MalformedRecord, 1),
        ["brat_dangling_relation"] = Brat("T1\tDrug 0 7\tAspirin\nR1\tCauses Arg1:T1 Arg2:T5", ErrorCodes.DanglingReference, 2),
        ["brat_relation_argument_without_role"] = Brat("T1\tDrug 0 7\tAspirin\nR1\tCauses T1 Arg2:T1", ErrorCodes.MalformedRecord, 2),
        ["brat_duplicate_annotation_id"] = Brat("T1\tDrug 0 7\tAspirin\nT1\tDisease 15 19\tpain", ErrorCodes.DuplicateId, 2),
        ["brat_dangling_attribute"] = Brat("T1\tDrug 0 7\tAspirin\nA1\tNegated T3", ErrorCodes.DanglingReference, 2),
        ["brat_invalid_utf8_in_ann"] = Brat("T1\tDrug 0 7\tAspirin\nT2\tDisease 15 19\tpa<FF>in", ErrorCodes.InvalidEncoding, 2),
        ["brat_ann_without_txt"] = new(BratFormat.FormatName, "", [("a.ann", "T1\tDrug 0 7\tAspirin\n"), ("b.txt", "Heparin."), ("b.ann", "T1\tDrug 0 7\tHeparin\n")], ErrorCodes.MalformedRecord, "a.ann", null, 1),
        ["brat_binary_txt"] = new(BratFormat.FormatName, "", [("a.txt", "Asp<NUL>irin"), ("a.ann", ""), ("b.txt", "Heparin."), ("b.ann", "T1\tDrug 0 7\tHeparin\n")], ErrorCodes.InvalidEncoding, "a.txt", 1, 1),

        // BioBERT masked TSV
        ["biobert_wrong_column_count"] = BioBert("@GENE$ in @DISEASE$.\t1\textra", ErrorCodes.MissingColumn),
        ["biobert_one_column"] = BioBert("@GENE$ in @DISEASE$.", ErrorCodes.MissingColumn),
        ["biobert_no_gene_mask"] = BioBert("BRCA1 in @DISEASE$.\t1", ErrorCodes.MalformedRecord),
        ["biobert_two_disease_masks"] = BioBert("@GENE$ in @DISEASE$ and @DISEASE$.\t0", ErrorCodes.MalformedRecord),
        ["biobert_empty_label"] = BioBert("@GENE$ in @DISEASE$.\t", ErrorCodes.MalformedRecord),
        ["biobert_header_form_short_row"] = new(BioBertTsvFormat.FormatName, "test.tsv", [("test.tsv", "index\tsentence\tlabel\n0\t@GENE$ x @DISEASE$\t1\n@GENE$ y @DISEASE$\t1\n2\t@GENE$ z @DISEASE$\t0\n")], ErrorCodes.MissingColumn, "test.tsv", 3, 2),
        ["biobert_duplicate_index"] = new(BioBertTsvFormat.FormatName, "test.tsv", [("test.tsv", "index\tsentence\tlabel\n0\t@GENE$ x @DISEASE$\t1\n0\t@GENE$ y @DISEASE$\t1\n2\t@GENE$ z @DISEASE$\t0\n")], ErrorCodes.DuplicateId, "test.tsv", 3, 2),
        ["biobert_empty_file"] = new(BioBertTsvFormat.FormatName, "t.tsv", [("t.tsv", "")], ErrorCodes.EmptyInput, "t.tsv", null, 0),

        // ADE-Corpus-V2
        ["ade_seven_fields"] = Ade("2|Aspirin caused rash.|rash|25|29|Aspirin|10", ErrorCodes.MissingColumn),
        ["ade_offset_not_integer"] = Ade("2|Aspirin caused rash.|rash|x|29|Aspirin|10|17", ErrorCodes.MalformedRecord),
        ["ade_reversed_offsets"] = Ade("2|Aspirin caused rash.|rash|29|25|Aspirin|10|17", ErrorCodes.OffsetsOutOfRange),
        ["ade_negative_offset"] = Ade("2|Aspirin caused rash.|rash|-4|0|Aspirin|10|17", ErrorCodes.OffsetsOutOfRange),
        ["ade_offsets_disagree_with_mention_length"] = Ade("2|Aspirin caused rash.|rash|25|31|Aspirin|10|17", ErrorCodes.TextMismatch),
        ["ade_mention_not_in_sentence"] = Ade("2|Aspirin caused rash.|hives|25|30|Aspirin|10|17", ErrorCodes.TextMismatch),
        ["ade_mention_ambiguous"] = Ade("2|A B A B|B|102|103|A|100|101", ErrorCodes.TextMismatch),
        ["ade_empty_pmid"] = Ade("|Aspirin caused rash.|rash|25|29|Aspirin|10|17", ErrorCodes.MalformedRecord),
        ["ade_neg_line_without_neg"] = new(AdeFormat.FormatName, "ADE-NEG.txt", [("ADE-NEG.txt", "1 NEG A fine sentence.\n2 POS Not this one.\n3 NEG Another one.\n")], ErrorCodes.MalformedRecord, "ADE-NEG.txt", 2, 2),
        ["ade_empty_folder"] = new(AdeFormat.FormatName, "", [("README", "nothing")], ErrorCodes.EmptyInput, "", null, 0),

        // ChemProt
        ["chemprot_no_first_marker"] = ChemProt("""{"text": "aspirin inhibits [[ COX-1 ]].", "label": "INHIBITOR", "metadata": []}""", ErrorCodes.MalformedRecord),
        ["chemprot_no_second_marker"] = ChemProt("""{"text": "<< aspirin >> inhibits COX-1.", "label": "INHIBITOR", "metadata": []}""", ErrorCodes.MalformedRecord),
        ["chemprot_crossing_markers"] = ChemProt("""{"text": "<< a [[ b >> c ]]", "label": "INHIBITOR", "metadata": []}""", ErrorCodes.MalformedRecord),
        // Found by ReaderFuzzProperties: an escaped lone surrogate threw InvalidOperationException out of the reader.
        ["chemprot_lone_surrogate"] = ChemProt("""{"text": "<< a\ud800 >> inhibits [[ b ]].", "label": "INHIBITOR", "metadata": []}""", ErrorCodes.InvalidEncoding),
        ["chemprot_truncated_json"] = ChemProt("""{"text": "<< aspirin >> inhibits [[ COX-1""", ErrorCodes.MalformedRecord),
        ["chemprot_missing_label"] = ChemProt("""{"text": "<< aspirin >> inhibits [[ COX-1 ]]."}""", ErrorCodes.MalformedRecord),

        // NegEx kit
        ["negex_wrong_column_count"] = NegEx("2\tfever\tNo FEVER.\tNegated", ErrorCodes.MissingColumn),
        ["negex_unknown_negation"] = NegEx("2\tfever\tNo FEVER.\tDenied\tRecent\tPatient", ErrorCodes.MalformedRecord),
        ["negex_unknown_temporality"] = NegEx("2\tfever\tNo FEVER.\tNegated\tFuture\tPatient", ErrorCodes.MalformedRecord),
        ["negex_unknown_experiencer"] = NegEx("2\tfever\tNo FEVER.\tNegated\tRecent\tNeighbour", ErrorCodes.MalformedRecord),
        ["negex_empty_condition"] = NegEx("2\t \tNo FEVER.\tNegated\tRecent\tPatient", ErrorCodes.MalformedRecord),
        ["negex_duplicate_row_number"] = NegEx("1\tfever\tNo FEVER.\tNegated\tRecent\tPatient", ErrorCodes.DuplicateId),
        ["negex_invalid_utf8"] = NegEx("2\tfever\tNo FE<FF>VER.\tNegated\tRecent\tPatient", ErrorCodes.InvalidEncoding),

        // CSV notes
        ["csv_wrong_column_count"] = Csv("2,a,b", ErrorCodes.MissingColumn),
        ["csv_unterminated_quote"] = Csv("2,\"never closed", ErrorCodes.MalformedRecord, lenient: 1),
        ["csv_text_after_closing_quote"] = Csv("2,\"ab\"c", ErrorCodes.MalformedRecord),
        ["csv_note_too_large"] = Csv("2,this note is too long", ErrorCodes.InputTooLarge, options: new ReadOptions { MaxDocumentChars = 10 }),
        ["csv_invalid_utf8"] = Csv("2,ab<FF>c", ErrorCodes.InvalidEncoding),
        ["csv_nul_byte"] = Csv("2,a<NUL>b", ErrorCodes.InvalidEncoding),
        ["csv_duplicate_id"] = Csv("1,again", ErrorCodes.DuplicateId),
        ["csv_empty_id"] = Csv(",no id", ErrorCodes.MalformedRecord),
        ["csv_chosen_text_column_missing"] = Csv("2,b", ErrorCodes.MissingColumn, line: 1, lenient: 0, options: new ReadOptions { TextColumn = "body" }),
        ["csv_chosen_id_column_missing"] = Csv("2,b", ErrorCodes.MissingColumn, line: 1, lenient: 0, options: new ReadOptions { IdColumn = "mrn" }),
        ["csv_no_text_column"] = new(CsvFormat.FormatName, "n.csv", [("n.csv", "id,foo\n1,x\n")], ErrorCodes.MissingColumn, "n.csv", 1, 0),
        ["csv_bad_row_after_multiline_field"] = new(CsvFormat.FormatName, "n.csv", [("n.csv", "id,text\n1,\"multi\nline\"\n2,a,b\n3,bye\n")], ErrorCodes.MissingColumn, "n.csv", 4, 2),
        ["csv_empty_file"] = new(CsvFormat.FormatName, "n.csv", [("n.csv", "")], ErrorCodes.EmptyInput, "n.csv", 1, 0),

        // TXT notes
        ["txt_empty_note"] = Txt("", ErrorCodes.EmptyInput, null),
        ["txt_binary_note"] = Txt("ab<NUL>cd", ErrorCodes.InvalidEncoding, 1),
        ["txt_invalid_utf8_on_line_2"] = Txt("ok\nb<FF>d", ErrorCodes.InvalidEncoding, 2),
        ["txt_note_too_large"] = Txt("this note is longer than ten characters", ErrorCodes.InputTooLarge, null, new ReadOptions { MaxDocumentChars = 12 }),
        ["txt_folder_without_notes"] = new(TxtFormat.FormatName, "", [("readme.md", "x")], ErrorCodes.EmptyInput, "", null, 0),
    };

    public static IEnumerable<object[]> CaseNames => Cases.Keys.Select(k => new object[] { k });

    [Fact]
    public void There_are_at_least_sixty_cases_across_the_readers()
    {
        Cases.Count.Should().BeGreaterThanOrEqualTo(60);
        Cases.Values.Select(c => c.Format).Distinct().Should().HaveCountGreaterThanOrEqualTo(10);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Bad_input_gives_a_coded_error_with_file_and_line_and_lenient_mode_reads_the_rest(string name)
    {
        var c = Cases[name];
        using var dir = new TempFolder();
        foreach (var (file, content) in c.Files) dir.Write(file, content);
        var target = c.Target.Length == 0 ? dir.Path : dir.File(c.Target);
        var errorFile = c.ErrorFile.Length == 0 ? dir.Path : dir.File(c.ErrorFile);
        var format = CorpusFormats.Get(c.Format);
        var options = c.Options ?? ReadOptions.Strict;

        // Strict: the first bad record stops the read with its code and place.
        var strict = () => format.Read(target, options with { Lenient = false }, new ReadReport()).ToList();
        var error = strict.Should().Throw<TextMiningException>().Which;
        error.Code.Should().Be(c.Code, error.Message);
        error.Location.Should().NotBeNull();
        error.Location!.Should().StartWith(errorFile + (c.Line is { } l ? $":{l}" : ""), error.Message);
        if (c.Line is null) error.Location.Should().NotMatchRegex(@"^.*:\d+");
        error.Reason.Should().NotBeNullOrWhiteSpace();

        // Lenient: the same problem is reported, and every other record is read.
        var report = new ReadReport();
        var docs = format.Read(target, options with { Lenient = true }, report).ToList();
        docs.Should().HaveCount(c.LenientDocs);
        report.Problems.Should().ContainSingle();
        var problem = report.Problems.Single();
        problem.Code.Should().Be(c.Code);
        problem.File.Should().Be(errorFile);
        problem.Line.Should().Be(c.Line);
    }
}
