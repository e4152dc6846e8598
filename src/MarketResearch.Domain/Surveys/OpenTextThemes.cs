namespace MarketResearch.Domain.Surveys;

/// <summary>
/// Groups open answers into themes by key phrases: each answer's content words and two-word phrases (function
/// words, and the question's own words, which answers merely echo, are left out) are counted by how many answers
/// use them; the phrase shared by most not-yet-grouped answers starts a theme that takes those answers, until no
/// phrase is shared by <see cref="MinSupport"/> answers. The rest form "Other". Each theme names its most shared
/// phrases and the answer that contains most of them as its representative; counts sum to the answers given.
/// </summary>
public static class OpenTextThemes
{
    public const string OtherLabel = "Other";
    public const int MinSupport = 2;
    private const int MinWordLength = 3;
    private const int KeyPhrasesPerTheme = 3;

    /// <summary>A two-word phrase says more than either word; it wins a tie against a more frequent single word only by this much.</summary>
    private const double PhraseWeight = 1.5;

    public static IReadOnlyList<TextTheme> Find(IReadOnlyList<(Guid PersonaId, string Text)> answers, string question, int maxThemes)
    {
        if (answers.Count == 0)
        {
            return [];
        }

        var echoed = Words(question).ToHashSet(StringComparer.Ordinal);
        var phrases = answers.Select(answer => Phrases(answer.Text, echoed)).ToList();
        var open = Enumerable.Range(0, answers.Count).ToHashSet();
        var themes = new List<TextTheme>();
        while (open.Count > 0 && themes.Count < maxThemes - 1)
        {
            var lead = Support(open, phrases)
                .Where(entry => entry.Value >= MinSupport)
                .OrderByDescending(entry => entry.Value * (entry.Key.Contains(' ', StringComparison.Ordinal) ? PhraseWeight : 1))
                .ThenBy(entry => entry.Key, StringComparer.Ordinal)
                .Select(entry => entry.Key)
                .FirstOrDefault();
            if (lead is null)
            {
                break;
            }

            var members = open.Where(index => phrases[index].Contains(lead)).Order().ToList();
            themes.Add(Theme(lead, members, answers, phrases));
            open.ExceptWith(members);
        }

        if (open.Count > 0)
        {
            themes.Add(Theme(OtherLabel, [.. open.Order()], answers, phrases));
        }

        return themes.Select(theme => theme with { Share = (double)theme.Count / answers.Count }).ToList();
    }

    /// <summary>The lower-cased content words and adjacent two-word phrases of a text.</summary>
    public static HashSet<string> Phrases(string text, IReadOnlySet<string> excluded)
    {
        var phrases = new HashSet<string>(StringComparer.Ordinal);
        string? previous = null;
        foreach (var token in Tokens(text))
        {
            var word = Normalize(token);
            if (word is null || excluded.Contains(word))
            {
                previous = null;
                continue;
            }

            phrases.Add(word);
            if (previous is not null)
            {
                phrases.Add($"{previous} {word}");
            }

            previous = word;
        }

        return phrases;
    }

    private static TextTheme Theme(string label, List<int> members, IReadOnlyList<(Guid PersonaId, string Text)> answers, List<HashSet<string>> phrases)
    {
        var keyPhrases = Support(members, phrases)
            .Where(entry => entry.Value >= Math.Min(MinSupport, members.Count))
            .OrderByDescending(entry => entry.Key == label)
            .ThenByDescending(entry => entry.Value)
            .ThenBy(entry => entry.Key, StringComparer.Ordinal)
            .Take(KeyPhrasesPerTheme)
            .Select(entry => entry.Key)
            .ToList();
        var representative = members
            .OrderByDescending(index => keyPhrases.Count(phrases[index].Contains))
            .ThenBy(index => answers[index].Text.Length)
            .ThenBy(index => answers[index].PersonaId)
            .First();
        return new TextTheme(label, keyPhrases, members.Count, 0, answers[representative].Text, answers[representative].PersonaId);
    }

    private static Dictionary<string, int> Support(IEnumerable<int> indexes, List<HashSet<string>> phrases)
    {
        var support = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var phrase in indexes.SelectMany(index => phrases[index]))
        {
            support[phrase] = support.GetValueOrDefault(phrase) + 1;
        }

        return support;
    }

    private static IEnumerable<string> Words(string text) => Tokens(text).Select(Normalize).OfType<string>();

    private static IEnumerable<string> Tokens(string text) =>
        text.ToLowerInvariant().Split(token => !char.IsLetter(token) && token != '\'' && token != '-');

    /// <summary>A content word in a light singular form ("prices" → "price"), or null for a function word or a fragment.</summary>
    private static string? Normalize(string token)
    {
        var word = token.Trim('\'', '-');
        if (word.Length < MinWordLength || StopWords.All.Contains(word))
        {
            return null;
        }

        return word switch
        {
            _ when word.EndsWith("ies", StringComparison.Ordinal) && word.Length > 4 => word[..^3] + "y",
            _ when word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) && !word.EndsWith("us", StringComparison.Ordinal) && word.Length > 4 => word[..^1],
            _ => word,
        };
    }

    private static IEnumerable<string> Split(this string text, Func<char, bool> separator)
    {
        var start = 0;
        for (var index = 0; index <= text.Length; index++)
        {
            if (index == text.Length || separator(text[index]))
            {
                if (index > start)
                {
                    yield return text[start..index];
                }

                start = index + 1;
            }
        }
    }
}
