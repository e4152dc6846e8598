using System.Text.RegularExpressions;

namespace MarketResearch.Domain.Personas;

/// <summary>How different the stories of a panel are: 1 means no shared phrasing, 0 means identical texts.</summary>
public sealed record StoryDistinctness(double MeanJaccardDistance, double MinJaccardDistance, int MostSimilarFirst, int MostSimilarSecond);

/// <summary>Signals that a generated panel is varied enough to be worth discussing with.</summary>
public static partial class PanelQuality
{
    /// <summary>Three-word shingles catch reused phrases without flagging shared common words.</summary>
    public const int DefaultShingleSize = 3;

    /// <summary>Sample standard deviation of each trait across the panel; 0 for a panel of one.</summary>
    public static IReadOnlyDictionary<PersonaTrait, double> TraitSpread(IReadOnlyList<PersonaTraits> panel) =>
        PersonaTraitNames.All.ToDictionary(trait => trait, trait => StandardDeviation(panel.Select(traits => traits[trait]).ToArray()));

    /// <summary>
    /// Mean and minimum pairwise Jaccard distance between the texts' word-shingle sets, with the closest pair.
    /// Fewer than two texts have no pairs and count as fully distinct.
    /// </summary>
    public static StoryDistinctness Distinctness(IReadOnlyList<string> stories, int shingleSize = DefaultShingleSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shingleSize);
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var shingles = stories.Select(story => Shingles(story, shingleSize, vocabulary)).ToArray();
        var (sum, pairs, min, first, second) = (0.0, 0, 1.0, -1, -1);
        for (var i = 0; i < shingles.Length; i++)
        {
            for (var j = i + 1; j < shingles.Length; j++)
            {
                var distance = JaccardDistance(shingles[i], shingles[j]);
                (sum, pairs) = (sum + distance, pairs + 1);
                if (first < 0 || distance < min)
                {
                    (min, first, second) = (distance, i, j);
                }
            }
        }

        return pairs == 0 ? new StoryDistinctness(1, 1, -1, -1) : new StoryDistinctness(sum / pairs, min, first, second);
    }

    private static double StandardDeviation(double[] values)
    {
        if (values.Length < 2)
        {
            return 0;
        }

        var mean = values.Average();
        return Math.Sqrt(values.Sum(value => (value - mean) * (value - mean)) / (values.Length - 1));
    }

    /// <summary>Sorted ids of the text's shingles; a text shorter than one shingle is a single shingle of all its words.</summary>
    private static int[] Shingles(string text, int size, Dictionary<string, int> vocabulary)
    {
        var words = Words(text);
        if (words.Length == 0)
        {
            return [];
        }

        var count = Math.Max(1, words.Length - size + 1);
        var ids = new SortedSet<int>();
        for (var start = 0; start < count; start++)
        {
            var shingle = string.Join(' ', words, start, Math.Min(size, words.Length - start));
            if (!vocabulary.TryGetValue(shingle, out var id))
            {
                vocabulary[shingle] = id = vocabulary.Count;
            }

            ids.Add(id);
        }

        return [.. ids];
    }

    private static string[] Words(string text) =>
        Word().Matches(text.ToLowerInvariant()).Select(match => match.Value).ToArray();

    [GeneratedRegex(@"[\p{L}\p{Nd}]+")]
    private static partial Regex Word();

    /// <summary>Two empty texts are identical (distance 0); merging sorted ids keeps this linear.</summary>
    private static double JaccardDistance(int[] first, int[] second)
    {
        if (first.Length == 0 && second.Length == 0)
        {
            return 0;
        }

        var (i, j, shared) = (0, 0, 0);
        while (i < first.Length && j < second.Length)
        {
            var order = first[i].CompareTo(second[j]);
            shared += order == 0 ? 1 : 0;
            i += order <= 0 ? 1 : 0;
            j += order >= 0 ? 1 : 0;
        }

        return 1.0 - ((double)shared / (first.Length + second.Length - shared));
    }
}
