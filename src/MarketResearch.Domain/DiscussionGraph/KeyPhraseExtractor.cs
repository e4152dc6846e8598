using System.Globalization;
using System.Text;

namespace MarketResearch.Domain.DiscussionGraph;

/// <summary>
/// Concepts as normalised key phrases, RAKE-style: runs of content words between stop words and punctuation, at most
/// <see cref="MaxWords"/> words, each word lower-cased and (in English) reduced to its singular so "prices" and
/// "price" are one concept.
/// </summary>
public static class KeyPhraseExtractor
{
    public const int MaxWords = 3;
    private const int MinWordLength = 3;

    /// <summary>Distinct concept keys in order of appearance, with the surface form each was written in.</summary>
    public static IReadOnlyList<KeyPhrase> Extract(string text, string locale)
    {
        var phrases = new List<KeyPhrase>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var run = new List<string>();

        void Close()
        {
            for (var start = 0; start < run.Count; start += MaxWords)
            {
                var words = run.Skip(start).Take(MaxWords).ToList();
                var key = string.Join(' ', words.Select(word => Normalise(word, locale)));
                if (seen.Add(key))
                {
                    phrases.Add(new KeyPhrase(key, string.Join(' ', words)));
                }
            }

            run.Clear();
        }

        foreach (var token in Tokens(text))
        {
            if (token is null)
            {
                Close();
                continue;
            }

            var lower = token.ToLower(CultureInfo.InvariantCulture);
            if (lower.Length < MinWordLength || StopWords.Contains(locale, lower) || lower.Any(char.IsDigit))
            {
                Close();
                continue;
            }

            run.Add(lower);
        }

        Close();
        return phrases;
    }

    /// <summary>English plural to singular by the regular rules; other locales are only lower-cased.</summary>
    public static string Normalise(string word, string locale)
    {
        if (locale == "pl" || word.Length <= 3)
        {
            return word;
        }

        if (word.EndsWith("ies", StringComparison.Ordinal))
        {
            return word[..^3] + "y";
        }

        if (word.EndsWith("sses", StringComparison.Ordinal) || word.EndsWith("ches", StringComparison.Ordinal) || word.EndsWith("shes", StringComparison.Ordinal))
        {
            return word[..^2];
        }

        return word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) && !word.EndsWith("us", StringComparison.Ordinal) && !word.EndsWith("is", StringComparison.Ordinal)
            ? word[..^1]
            : word;
    }

    /// <summary>Words, with null marking a phrase boundary (punctuation).</summary>
    private static IEnumerable<string?> Tokens(string text)
    {
        var word = new StringBuilder();
        foreach (var character in text)
        {
            if (char.IsLetter(character) || (character is '\'' or '’' && word.Length > 0))
            {
                word.Append(character == '’' ? '\'' : character);
                continue;
            }

            if (word.Length > 0)
            {
                yield return word.ToString().TrimEnd('\'');
                word.Clear();
            }

            if (!char.IsWhiteSpace(character) && character != '-')
            {
                yield return null;
            }
        }

        if (word.Length > 0)
        {
            yield return word.ToString().TrimEnd('\'');
        }
    }
}

/// <summary>A concept key ("delivery fee") and how it was written ("delivery fees").</summary>
public sealed record KeyPhrase(string Key, string Surface);
