using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClipGeometry.Embedding.IO;

namespace ClipGeometry.Embedding.Tokenization;

/// <summary>
/// CLIP's byte-level BPE tokenizer (Radford et al. 2021), as a small pipeline: normalise (HTML-unescape twice,
/// collapse whitespace, lower-case) → pre-tokenise (CLIP's regular expression) → map bytes to printable symbols
/// → BPE by merge rank → ids, framed by <c>&lt;|startoftext|&gt;</c> and <c>&lt;|endoftext|&gt;</c> and cut to
/// the 77-token context with the end token kept last. Reads HF's <c>vocab.json</c> + <c>merges.txt</c> or
/// OpenAI's <c>bpe_simple_vocab_16e6.txt.gz</c>. Thread-safe.
/// </summary>
public sealed partial class ClipTokenizer
{
    /// <summary>The id of <c>&lt;|startoftext|&gt;</c> in CLIP's vocabulary.</summary>
    public const int DefaultStartId = 49406;

    /// <summary>The id of <c>&lt;|endoftext|&gt;</c> in CLIP's vocabulary.</summary>
    public const int DefaultEndId = 49407;

    /// <summary>CLIP's text context length.</summary>
    public const int DefaultContextLength = 77;

    /// <summary>The number of merges OpenAI's CLIP takes from <c>bpe_simple_vocab_16e6.txt.gz</c>.</summary>
    public const int OpenAiMergeCount = 49152 - 256 - 2;

    private const string StartToken = "<|startoftext|>";
    private const string EndToken = "<|endoftext|>";
    private const string WordEnd = "</w>";

    private readonly Dictionary<string, int> _vocabulary;
    private readonly Dictionary<(string Left, string Right), int> _mergeRanks;
    private readonly string[] _byteSymbols;
    private readonly ConcurrentDictionary<string, int[]> _wordCache = new(StringComparer.Ordinal);

    private ClipTokenizer(Dictionary<string, int> vocabulary, Dictionary<(string, string), int> mergeRanks, int contextLength)
    {
        _vocabulary = vocabulary;
        _mergeRanks = mergeRanks;
        _byteSymbols = ByteSymbols();
        ContextLength = contextLength;
        StartId = vocabulary.TryGetValue(StartToken, out int s) ? s
            : throw new InvalidDataException($"the vocabulary lacks the start token {StartToken}.");
        EndId = vocabulary.TryGetValue(EndToken, out int e) ? e
            : throw new InvalidDataException($"the vocabulary lacks the end token {EndToken}.");
        foreach (string symbol in _byteSymbols)
        {
            if (!vocabulary.ContainsKey(symbol) || !vocabulary.ContainsKey(symbol + WordEnd))
            {
                throw new InvalidDataException($"the vocabulary lacks the byte symbol '{symbol}' (with and without {WordEnd}); it is not a CLIP byte-level BPE vocabulary.");
            }
        }
    }

    /// <summary>The id of the start token (49406 in CLIP).</summary>
    public int StartId { get; }

    /// <summary>The id of the end token (49407 in CLIP).</summary>
    public int EndId { get; }

    /// <summary>The context length: sequences are cut to this many ids, the end token kept last.</summary>
    public int ContextLength { get; }

    /// <summary>The number of entries in the vocabulary.</summary>
    public int VocabularySize => _vocabulary.Count;

    /// <summary>Reads HF tokenizer files: <c>vocab.json</c> (token → id) and <c>merges.txt</c> (one merge a line, <c>#version</c> header optional).</summary>
    /// <exception cref="InvalidDataException">A file is malformed; the message names the file and line.</exception>
    public static ClipTokenizer FromHuggingFace(string vocabJsonPath, string mergesPath, int contextLength = DefaultContextLength)
    {
        Dictionary<string, int> vocabulary;
        try
        {
            using var stream = File.OpenRead(vocabJsonPath);
            vocabulary = JsonSerializer.Deserialize<Dictionary<string, int>>(stream)
                ?? throw new InvalidDataException($"{vocabJsonPath}: the vocabulary is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{vocabJsonPath}: not a JSON object of token → id; {JsonProblem.Describe(e)}.", e);
        }

        var ranks = new Dictionary<(string, string), int>();
        int lineNumber = 0, mergeCount = 0;
        foreach (string line in File.ReadLines(mergesPath))
        {
            lineNumber++;
            if ((lineNumber == 1 && line.StartsWith("#version", StringComparison.Ordinal)) || line.Length == 0)
            {
                continue;
            }

            AddMerge(ranks, line, mergesPath, lineNumber, mergeCount++);
        }

        try
        {
            return new ClipTokenizer(vocabulary, ranks, contextLength);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{vocabJsonPath}: {e.Message}", e);
        }
    }

    /// <summary>
    /// Reads OpenAI's <c>bpe_simple_vocab_16e6.txt.gz</c> (gzip; a header line, then merges): the vocabulary is the
    /// 256 byte symbols, the same with <c>&lt;/w&gt;</c>, one entry per merge (the first <see cref="OpenAiMergeCount"/>),
    /// then the start and end tokens.
    /// </summary>
    public static ClipTokenizer FromOpenAiMerges(string gzipPath, int contextLength = DefaultContextLength)
    {
        var ranks = new Dictionary<(string, string), int>();
        var merged = new List<string>(OpenAiMergeCount);
        try
        {
            using var file = File.OpenRead(gzipPath);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var reader = new StreamReader(gzip, Encoding.UTF8);
            reader.ReadLine();
            int lineNumber = 1;
            while (merged.Count < OpenAiMergeCount && reader.ReadLine() is { } line)
            {
                lineNumber++;
                var (left, right) = AddMerge(ranks, line, gzipPath, lineNumber, merged.Count);
                merged.Add(left + right);
            }
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith(gzipPath, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{gzipPath}: not a gzip file ({e.Message}).", e);
        }

        // The id of an entry is its position in this list; were an entry repeated, the later position would win,
        // as in the reference's dict(zip(vocab, range(len(vocab)))).
        string[] symbols = ByteSymbolsInVocabularyOrder();
        var entries = new List<string>((2 * symbols.Length) + merged.Count + 2);
        entries.AddRange(symbols);
        foreach (string s in symbols)
        {
            entries.Add(s + WordEnd);
        }

        entries.AddRange(merged);
        entries.Add(StartToken);
        entries.Add(EndToken);
        var vocabulary = new Dictionary<string, int>(entries.Count, StringComparer.Ordinal);
        for (int id = 0; id < entries.Count; id++)
        {
            vocabulary[entries[id]] = id;
        }

        return new ClipTokenizer(vocabulary, ranks, contextLength);
    }

    /// <summary>
    /// Reads the tokenizer of a model directory: <c>vocab.json</c> + <c>merges.txt</c> when present, else
    /// <c>bpe_simple_vocab_16e6.txt.gz</c>.
    /// </summary>
    /// <exception cref="FileNotFoundException">Neither vocabulary source is in the directory.</exception>
    public static ClipTokenizer FromDirectory(string directory, int contextLength = DefaultContextLength)
    {
        string vocab = Path.Combine(directory, "vocab.json");
        string merges = Path.Combine(directory, "merges.txt");
        if (File.Exists(vocab) && File.Exists(merges))
        {
            return FromHuggingFace(vocab, merges, contextLength);
        }

        string openAi = Path.Combine(directory, "bpe_simple_vocab_16e6.txt.gz");
        if (File.Exists(openAi))
        {
            return FromOpenAiMerges(openAi, contextLength);
        }

        throw new FileNotFoundException(
            $"{directory}: no CLIP tokenizer found (expected vocab.json + merges.txt, or bpe_simple_vocab_16e6.txt.gz).", vocab);
    }

    /// <summary>CLIP's text normalisation: HTML-unescape twice, trim, collapse whitespace to one space, lower-case as Python's <c>str.lower()</c>.</summary>
    /// <remarks>
    /// No Unicode NFC composition is applied (clipgeo runs with invariant globalization, where .NET does not
    /// normalise): text with decomposed accents (e + U+0301) tokenises differently from ftfy's and HF's fast
    /// tokenizer's output; ordinary, precomposed text is unaffected.
    /// </remarks>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string unescaped = WebUtility.HtmlDecode(WebUtility.HtmlDecode(text)).Trim();
        return PythonLowerCase.Lower(Whitespace().Replace(unescaped, " ").Trim());
    }

    /// <summary>The ids of <paramref name="text"/>: start token, BPE ids, end token, cut to <see cref="ContextLength"/> with the end token last; no padding.</summary>
    public int[] Encode(string text)
    {
        var ids = new List<int>(ContextLength) { StartId };
        foreach (Match match in PreTokenizer().Matches(Normalize(text)))
        {
            ids.AddRange(EncodeWord(match.Value));
            if (ids.Count >= ContextLength)
            {
                break;
            }
        }

        ids.Add(EndId);
        if (ids.Count > ContextLength)
        {
            ids.RemoveRange(ContextLength, ids.Count - ContextLength);
            ids[^1] = EndId;
        }

        return [.. ids];
    }

    /// <summary>
    /// Writes the ids of <paramref name="text"/> into <paramref name="ids"/> (length <see cref="ContextLength"/>), padded
    /// with 0, and the attention mask (1 on tokens, 0 on padding) into <paramref name="attentionMask"/> when it is not empty.
    /// Returns the number of real tokens.
    /// </summary>
    public int EncodePadded(string text, Span<long> ids, Span<long> attentionMask)
    {
        if (ids.Length != ContextLength)
        {
            throw new ArgumentException($"The id buffer holds {ids.Length} values; the context length is {ContextLength}.", nameof(ids));
        }

        int[] tokens = Encode(text);
        ids.Clear();
        for (int i = 0; i < tokens.Length; i++)
        {
            ids[i] = tokens[i];
        }

        if (!attentionMask.IsEmpty)
        {
            attentionMask.Clear();
            attentionMask[..tokens.Length].Fill(1);
        }

        return tokens.Length;
    }

    private int[] EncodeWord(string word)
    {
        if (word == StartToken)
        {
            return [StartId];
        }

        if (word == EndToken)
        {
            return [EndId];
        }

        return _wordCache.GetOrAdd(word, BytePairEncode);
    }

    private int[] BytePairEncode(string word)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(word);
        var parts = new List<string>(bytes.Length);
        foreach (byte b in bytes)
        {
            parts.Add(_byteSymbols[b]);
        }

        parts[^1] += WordEnd;
        while (parts.Count > 1)
        {
            int bestRank = int.MaxValue;
            int best = -1;
            for (int i = 0; i + 1 < parts.Count; i++)
            {
                if (_mergeRanks.TryGetValue((parts[i], parts[i + 1]), out int rank) && rank < bestRank)
                {
                    bestRank = rank;
                    best = i;
                }
            }

            if (best < 0)
            {
                break;
            }

            // Merge every occurrence of the best pair, left to right, as CLIP's reference does.
            string left = parts[best];
            string right = parts[best + 1];
            var next = new List<string>(parts.Count);
            for (int i = 0; i < parts.Count;)
            {
                if (i + 1 < parts.Count && parts[i] == left && parts[i + 1] == right)
                {
                    next.Add(left + right);
                    i += 2;
                }
                else
                {
                    next.Add(parts[i]);
                    i++;
                }
            }

            parts = next;
        }

        var ids = new int[parts.Count];
        for (int i = 0; i < parts.Count; i++)
        {
            if (!_vocabulary.TryGetValue(parts[i], out ids[i]))
            {
                throw new InvalidDataException($"the BPE symbol '{parts[i]}' of the word '{word}' is not in the vocabulary; the vocabulary and merges do not belong together.");
            }
        }

        return ids;
    }

    private static (string Left, string Right) AddMerge(Dictionary<(string, string), int> ranks, string line, string path, int lineNumber, int rank)
    {
        string[] pair = line.Split(' ');
        if (pair.Length != 2 || pair[0].Length == 0 || pair[1].Length == 0)
        {
            throw new InvalidDataException($"{path}, line {lineNumber}: a merge is two symbols separated by one space, not '{line}'.");
        }

        ranks[(pair[0], pair[1])] = rank;
        return (pair[0], pair[1]);
    }

    /// <summary>GPT-2/CLIP's reversible map of the 256 byte values to printable Unicode symbols, in vocabulary order.</summary>
    internal static string[] ByteSymbols()
    {
        var symbols = new string[256];
        int extra = 0;
        for (int b = 0; b < 256; b++)
        {
            bool printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            symbols[b] = printable ? ((char)b).ToString() : ((char)(256 + extra++)).ToString();
        }

        return symbols;
    }

    /// <summary>The byte symbols in the order CLIP's vocabulary lists them: printable bytes first, then the rest.</summary>
    internal static string[] ByteSymbolsInVocabularyOrder()
    {
        string[] symbols = ByteSymbols();
        var ordered = new List<string>(256);
        for (int b = 0; b < 256; b++)
        {
            if (symbols[b][0] < 256)
            {
                ordered.Add(symbols[b]);
            }
        }

        for (int b = 0; b < 256; b++)
        {
            if (symbols[b][0] >= 256)
            {
                ordered.Add(symbols[b]);
            }
        }

        return [.. ordered];
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PreTokenizer();
}
