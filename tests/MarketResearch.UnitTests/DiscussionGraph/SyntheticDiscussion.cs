using MarketResearch.Domain.DiscussionGraph;

namespace MarketResearch.UnitTests.DiscussionGraph;

/// <summary>A realistic-looking English discussion of any size, reproducible by seed (shared with the graph benchmark).</summary>
public static class SyntheticDiscussion
{
    private static readonly string[] Topics =
    [
        "subscription price", "delivery speed", "oat milk", "plastic packaging", "loyalty points", "mobile app", "customer service",
        "store brand", "organic label", "weekend delivery", "refill station", "family pack", "sugar content", "return policy",
    ];

    private static readonly string[] Positive = ["I really like the {0}", "the {0} is fair and I trust it", "I love how the {0} works", "the {0} makes me happy"];
    private static readonly string[] Negative = ["I'm worried about the {0}", "the {0} is a rip-off", "the {0} annoys me", "honestly the {0} is disappointing"];
    private static readonly string[] Segments = ["urban", "suburban", "rural"];

    public static DiscussionInput Create(int personas, int questions, int seed)
    {
        var random = new Random(seed);
        var speakers = Enumerable.Range(0, personas)
            .Select(index => new DiscussionSpeaker(Guid.CreateVersion7(), $"Persona {index}", new Dictionary<string, string>
            {
                ["location"] = Segments[index % Segments.Length],
                ["age"] = index % 2 == 0 ? "25-34" : "45-54",
            }))
            .ToList();
        var utterances = new List<Utterance>();
        for (var question = 0; question < questions; question++)
        {
            foreach (var speaker in speakers)
            {
                var mood = random.NextDouble() * 2 - 1;
                var templates = mood >= 0 ? Positive : Negative;
                var first = Topics[random.Next(Topics.Length)];
                var second = Topics[random.Next(Topics.Length)];
                var text = $"{string.Format(System.Globalization.CultureInfo.InvariantCulture, templates[random.Next(templates.Length)], first)}, " +
                    $"and {string.Format(System.Globalization.CultureInfo.InvariantCulture, templates[random.Next(templates.Length)], second)}.";
                var other = speakers[random.Next(speakers.Count)].PersonaId;
                utterances.Add(new Utterance(speaker.PersonaId, question, text, Math.Round(mood, 2),
                    mood > 0.3 && other != speaker.PersonaId ? [other] : [],
                    mood < -0.3 && other != speaker.PersonaId ? [other] : []));
            }
        }

        return new DiscussionInput(Guid.CreateVersion7(), Guid.CreateVersion7(), "en", speakers, utterances);
    }
}
