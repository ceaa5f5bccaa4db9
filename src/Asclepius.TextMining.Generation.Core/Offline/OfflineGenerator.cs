using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Schema;
using Asclepius.TextMining.Generation.Contracts;
using Asclepius.TextMining.Generation.Prompts;

namespace Asclepius.TextMining.Generation.Offline;

/// <summary>
/// The "offline" provider: labeled documents from the project's own templates and lexicons
/// (data/templates/&lt;schema&gt;.jsonl, data/lexicons/*.tsv); no network, no model. A request's samples
/// depend only on its seed (the runner derives it from the run seed and the batch index), so a run is
/// reproducible and a rerun continues it exactly. The model id names the template set version and a hash
/// of the data files and options, so a run never continues with different data.
/// </summary>
public sealed class OfflineGenerator : ISampleGenerator, IGeneratorInfo
{
    public const string ProviderName = "offline";
    public const string TemplateSetVersion = "offline-templates-v1";

    private readonly LabelSchema _schema;
    private readonly IReadOnlyList<SentenceTemplate> _templates;
    private readonly SentenceTemplate[] _main;
    private readonly SentenceTemplate[] _notes;
    private readonly SentenceTemplate[] _abstracts;
    private readonly SentenceTemplate[] _noteCompanions;
    private readonly SentenceTemplate[] _abstractCompanions;
    private readonly TemplateRenderer _renderer;
    private readonly OfflineGeneratorOptions _options;
    private readonly Dictionary<string, string> _details;

    public OfflineGenerator(
        TemplateVocabulary vocabulary,
        IReadOnlyList<SentenceTemplate> templates,
        OfflineGeneratorOptions? options = null,
        IReadOnlyList<PromptInfo>? files = null,
        ConceptCounts? counts = null)
    {
        _options = options ?? new OfflineGeneratorOptions();
        if (_options.ConceptWeighting is not null && counts is null)
            throw new TextMiningException(ErrorCodes.ProviderConfiguration, $"concept weighting needs the concept counts ({ConceptCounts.FileName})");
        if (_options.MaxTemplatesPerDocument < 1) throw new ArgumentOutOfRangeException(nameof(options), "MaxTemplatesPerDocument must be >= 1");
        _schema = vocabulary.Schema;
        _templates = _options.Styles is { } styles ? templates.Where(t => styles.Contains(t.Style)).ToArray() : templates;
        if (_templates.Count == 0)
            throw new TextMiningException(ErrorCodes.ProviderConfiguration,
                $"no template of schema '{_schema.Name}' has one of the styles {string.Join(", ", _options.Styles ?? [])}");
        _main = _templates.Where(t => !t.IsCompanion).ToArray();
        if (_main.Length == 0)
            throw new TextMiningException(ErrorCodes.ProviderConfiguration, $"every template of schema '{_schema.Name}' is a companion (no entity slot); at least one needs an entity");
        _notes = _main.Where(t => TemplateRenderer.NoteStyles.Contains(t.Style)).ToArray();
        _abstracts = _main.Where(t => !TemplateRenderer.NoteStyles.Contains(t.Style)).ToArray();
        _noteCompanions = _templates.Where(t => t.IsCompanion && TemplateRenderer.NoteStyles.Contains(t.Style)).ToArray();
        _abstractCompanions = _templates.Where(t => t.IsCompanion && !TemplateRenderer.NoteStyles.Contains(t.Style)).ToArray();

        var pools = new Dictionary<string, ConceptPool>(StringComparer.Ordinal);
        var entityLexicons = vocabulary.EntityLexicons.Values.DistinctBy(l => l.Name).ToArray();
        IReadOnlySet<string> CausesFor(Lexicon l) => entityLexicons.Where(o => o.Name != l.Name)
            .SelectMany(o => o.Entries.SelectMany(e => e.Variants.Prepend(e.Name))).ToHashSet(StringComparer.OrdinalIgnoreCase);
        ConceptPool Pool(Lexicon l) => pools.TryGetValue(l.Name, out var p) ? p : pools[l.Name] = new ConceptPool(l, CausesFor(l), counts, _options.ConceptWeighting);
        var entityPools = vocabulary.EntityLexicons.ToDictionary(kv => kv.Key, kv => Pool(kv.Value), StringComparer.Ordinal);
        var fillerPools = vocabulary.FillerLexicons.ToDictionary(kv => kv.Key, kv => Pool(kv.Value), StringComparer.Ordinal);
        _renderer = new TemplateRenderer(entityPools, fillerPools, _options);

        Prompts = files ?? [];
        var optionsJson = JsonSerializer.Serialize(_options);
        var identity = string.Join("\n", Prompts.Select(f => $"{f.Id} {f.Sha256}").Append(optionsJson));
        DataSha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)));
        Model = $"{TemplateSetVersion}@{DataSha256[..12]}";
        _details = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["data_sha256"] = DataSha256,
            ["templates"] = _templates.Count.ToString(CultureInfo.InvariantCulture),
            ["options"] = optionsJson,
        };
    }

    public string Provider => ProviderName;
    public string Model { get; }

    /// <summary>sha256 over the data files used (templates, lexicons, styles) and the options.</summary>
    public string DataSha256 { get; }

    public IReadOnlyList<SentenceTemplate> Templates => _templates;

    public string? EndpointHost => null;
    public IReadOnlyList<PromptInfo> Prompts { get; }
    public IReadOnlyDictionary<string, string> Details => _details;

    /// <summary>
    /// Loads schema <paramref name="schema"/>'s templates (data/templates/&lt;name&gt;.jsonl), the lexicons its
    /// labels name, every lexicon in data/lexicons (for fillers), data/styles/styles.json when present, and
    /// data/concept-counts.tsv when the options weigh the concept draw.
    /// </summary>
    public static OfflineGenerator Load(LabelSchema schema, string dataFolder, OfflineGeneratorOptions? options = null)
    {
        var files = new List<(string Id, string Path)>();
        var lexicons = new Dictionary<string, Lexicon>(StringComparer.Ordinal);
        Lexicon LoadLexicon(string path)
        {
            var full = Path.GetFullPath(path);
            if (lexicons.TryGetValue(full, out var l)) return l;
            files.Add((Relative(dataFolder, full), full));
            return lexicons[full] = Lexicon.Load(full);
        }

        var entityLexicons = new Dictionary<string, Lexicon>(StringComparer.Ordinal);
        foreach (var e in schema.Entities)
            if (e.Lexicon is not null) entityLexicons[e.Label] = LoadLexicon(Path.Combine(dataFolder, e.Lexicon));
        var fillerLexicons = new Dictionary<string, Lexicon>(StringComparer.Ordinal);
        var lexiconDir = Path.Combine(dataFolder, "lexicons");
        // Fillers may use any lexicon of the folder; other tab-separated files there (a dictionary
        // baseline's phrase list) are not lexicons and are left alone.
        if (Directory.Exists(lexiconDir))
            foreach (var path in Directory.EnumerateFiles(lexiconDir, "*.tsv").Order(StringComparer.Ordinal))
                if (HasLexiconHeader(path))
                    fillerLexicons[Path.GetFileNameWithoutExtension(path)] = LoadLexicon(path);

        IReadOnlySet<string>? styleIds = null;
        var stylesPath = Path.Combine(dataFolder, "styles", "styles.json");
        if (File.Exists(stylesPath))
        {
            styleIds = StyleCatalog.Load(stylesPath).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
            files.Add((Relative(dataFolder, stylesPath), stylesPath));
        }

        var templatePath = Path.Combine(dataFolder, "templates", schema.Name + ".jsonl");
        if (!File.Exists(templatePath))
            throw new TextMiningException(ErrorCodes.ProviderConfiguration,
                $"the offline generator has no templates for schema '{schema.Name}': {templatePath} does not exist", templatePath);
        files.Add((Relative(dataFolder, templatePath), templatePath));

        ConceptCounts? counts = null;
        if (options?.ConceptWeighting is not null)
        {
            var countsPath = Path.Combine(dataFolder, ConceptCounts.FileName);
            counts = ConceptCounts.Load(countsPath, lexicons.Values);
            files.Add((Relative(dataFolder, countsPath), countsPath));
        }

        var vocabulary = new TemplateVocabulary(schema, entityLexicons, fillerLexicons, styleIds);
        var templates = TemplateParser.Load(templatePath, vocabulary);

        // Composed names join their label's concepts (class "composed"), never the lexicon files.
        var composePath = Path.Combine(dataFolder, "compose", schema.Name + ".json");
        if (File.Exists(composePath))
        {
            var known = lexicons.Values.SelectMany(l => l.Entries.SelectMany(e => e.Variants.Prepend(e.Name))).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var composed = NameComposer.Load(composePath, schema, known);
            files.Add((Relative(dataFolder, composePath), composePath));
            var extended = entityLexicons.ToDictionary(kv => kv.Key, kv => composed.TryGetValue(kv.Key, out var names) && names.Count > 0
                ? new Lexicon(kv.Value.Name, kv.Value.Entries.Concat(names.Select(n => new LexiconEntry(n, [], NameComposer.Class))).ToArray())
                : kv.Value, StringComparer.Ordinal);
            vocabulary = vocabulary with { EntityLexicons = extended };
        }
        var infos = files.OrderBy(f => f.Id, StringComparer.Ordinal)
            .Select(f => new PromptInfo(f.Id, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f.Path)))))
            .ToArray();
        return new OfflineGenerator(vocabulary, templates, options, infos, counts);
    }

    public Task<GenerationBatch> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Generate(request));
    }

    /// <summary>The batch for a request; the same request always gives the same samples.</summary>
    public GenerationBatch Generate(GenerationRequest request)
    {
        if (request.Schema.Name != _schema.Name)
            throw new TextMiningException(ErrorCodes.ProviderConfiguration, $"this offline generator was loaded for schema '{_schema.Name}', not '{request.Schema.Name}'");
        var rng = new Random(request.Seed);
        var samples = new CandidateSample[request.Count];
        for (var i = 0; i < samples.Length; i++) samples[i] = Sample(rng);
        return new GenerationBatch(samples);
    }

    /// <summary>
    /// One document: a template with entities, or with <see cref="OfflineGeneratorOptions.MultiTemplateShare"/> 2 to Max
    /// templates of one register (abstract-like or note, as <see cref="OfflineGeneratorOptions.NoteShare"/> weighs them);
    /// with <see cref="OfflineGeneratorOptions.CompanionShare"/> a companion (fillers only) joins them, never first
    /// (a note up to <see cref="OfflineGeneratorOptions.MaxNoteCompanions"/> times).
    /// </summary>
    public CandidateSample Sample(Random rng)
    {
        var first = _options.NoteShare is { } noteShare && _notes.Length > 0 && _abstracts.Length > 0
            ? (rng.NextDouble() < noteShare ? _notes[rng.Next(_notes.Length)] : _abstracts[rng.Next(_abstracts.Length)])
            : _main[rng.Next(_main.Length)];
        var chosen = new List<SentenceTemplate> { first };
        var isNote = TemplateRenderer.NoteStyles.Contains(first.Style);
        if (_options.MaxTemplatesPerDocument > 1 && rng.NextDouble() < _options.MultiTemplateShare)
        {
            var group = isNote ? _notes : _abstracts;
            var count = rng.Next(2, _options.MaxTemplatesPerDocument + 1);
            for (var tries = 0; chosen.Count < count && tries < count * 4; tries++)
            {
                var t = group[rng.Next(group.Length)];
                if (!chosen.Contains(t)) chosen.Add(t);
            }
        }
        var companions = isNote ? _noteCompanions : _abstractCompanions;
        var maxCompanions = isNote ? Math.Max(1, _options.MaxNoteCompanions) : 1;
        for (var c = 0; c < maxCompanions; c++)
            if (companions.Length > 0 && rng.NextDouble() < _options.CompanionShare)
                chosen.Insert(rng.Next(1, chosen.Count + 1), companions[rng.Next(companions.Length)]);
        var share = chosen.Count > 1 && rng.NextDouble() < _options.SharedConceptShare;
        return _renderer.Render(chosen, rng, share);
    }

    private static bool HasLexiconHeader(string path)
    {
        using var reader = new StreamReader(path);
        return reader.ReadLine()?.TrimStart('\uFEFF') == "name\tvariants\tclass";
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
}
