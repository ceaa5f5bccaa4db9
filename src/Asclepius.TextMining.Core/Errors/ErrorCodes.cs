namespace Asclepius.TextMining.Core.Errors;

/// <summary>Stable error codes. Never renumber; add new ones at the end of their block.</summary>
public static class ErrorCodes
{
    // 1xx: input corpora and notes
    public const string MalformedRecord = "ATM101";      // a line/record that does not parse
    public const string OffsetsOutOfRange = "ATM102";    // negative, reversed or past-the-end offsets
    public const string TextMismatch = "ATM103";         // entity text differs from the slice at its offsets
    public const string InvalidEncoding = "ATM104";      // not valid UTF-8, or binary content
    public const string EmptyInput = "ATM105";           // empty file or no documents
    public const string UnknownFormat = "ATM106";        // format not given and not detectable
    public const string DanglingReference = "ATM107";    // relation names an entity that does not exist
    public const string DuplicateId = "ATM108";          // two documents/entities with one id
    public const string InputTooLarge = "ATM109";        // a note over the size limit
    public const string MissingColumn = "ATM110";        // CSV/TSV column absent or wrong column count
    public const string UnreadableInput = "ATM111";      // I/O failure
    public const string NotRepresentable = "ATM112";     // a writer could not put an annotation in the format (e.g. entity off token boundaries in CoNLL)

    // 2xx: schemas and rules
    public const string SchemaInvalid = "ATM201";        // unknown key, duplicate or dangling label
    public const string LabelNotInSchema = "ATM202";
    public const string RulesInvalid = "ATM203";

    // 3xx: model packages
    public const string PackageVersionUnsupported = "ATM301";
    public const string PackageComponentUnknown = "ATM302";
    public const string PackageHashMismatch = "ATM303";
    public const string PackageSchemaMismatch = "ATM304";
    public const string PackageUnsafePath = "ATM305";
    public const string PackageMalformed = "ATM306";

    // 4xx: training
    public const string TrainingDataInvalid = "ATM401";
    public const string DeviceUnavailable = "ATM402";

    // 5xx: generation (LLM and offline)
    public const string ProviderFailed = "ATM501";
    public const string BudgetExhausted = "ATM502";
    public const string ProviderConfiguration = "ATM503";
    public const string LlmNotInThisTool = "ATM504";     // `asclepius` (reads notes) was asked for an LLM provider: that is `asclepius-generate`

    // 6xx: evaluation
    public const string DocumentsUnmatched = "ATM601";   // gold and predicted corpora do not hold the same document ids
    public const string DocumentTextDiffers = "ATM602";  // a gold and a predicted document share an id but not their text

    // 7xx: labeling (batch command and worker)
    public const string ComponentFailed = "ATM701";      // a component threw while labeling one note
    public const string StoreUnavailable = "ATM702";     // the note database cannot be reached or refused a query
    public const string OutputMismatch = "ATM703";       // an existing output was written by another model or in another format
    public const string NoteParked = "ATM704";           // a note failed too many times and is set aside with its reason
    public const string OutputIsInput = "ATM705";        // an output, progress file or errors report would write over an input of the run
    public const string OutputInUse = "ATM706";          // another label run is writing the same output

    // 8xx: concept linking
    public const string VocabularyInvalid = "ATM801";    // a vocabulary file, table or linker option that cannot be used (names file/table and line)
}
