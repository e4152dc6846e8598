namespace MarketResearch.AI.Offline;

/// <summary>
/// Speaks as one persona: an opening that carries its sentiment, a reaction to what others said, the concerns
/// its traits and circumstances make salient, and a closing. Extraversion sets how much it says.
/// </summary>
internal sealed class PersonaVoice
{
    private const double PositiveAbove = 0.2;
    private const double NegativeBelow = -0.2;
    private const double HighTrait = 0.65;
    private const double LowTrait = 0.35;
    private const double WorryAbove = 0.5;
    private const int MinBodySentences = 1;
    private const int MaxBodySentences = 4;
    private const double SalienceNoise = 0.3;
    private const double CueBoost = 0.5;
    private const double ContinuityChance = 0.4;
    private const int YoungUpTo = 30;
    private const int OlderFrom = 60;

    // Two statements closer than this (polarity distance, 0..2) count as the same side of the argument.
    private const double SameSideDistance = 0.6;
    private const double BaseAgreeChance = 0.3;
    private const double BaseDisagreeChance = 0.2;
    private const double StubbornDisagreeShare = 0.3;

    private static readonly string[] RuralWords = ["rural", "village", "countryside", "farm", "small town", "wieś", "wies"];

    private readonly PersonaContext persona;
    private readonly ConversationReading reading;
    private readonly PersonaDisposition disposition;
    private readonly DeterministicRandom random;
    private readonly Lazy<(List<string> Agrees, List<string> Disagrees)> sides;

    public PersonaVoice(PersonaContext persona, ConversationReading reading, PersonaDisposition disposition, DeterministicRandom random)
    {
        this.persona = persona;
        this.reading = reading;
        this.disposition = disposition;
        this.random = random;
        sides = new(() => TakeSides(random.Fork("sides")));
    }

    public IReadOnlyList<string> AgreesWith => sides.Value.Agrees;

    public IReadOnlyList<string> DisagreesWith => sides.Value.Disagrees;

    public string Answer()
    {
        var sentences = new List<string>();
        if (reading.OwnEarlierAnswers > 0 && random.Chance(ContinuityChance))
        {
            sentences.Add(random.Pick(VoicePhrases.Continuity));
        }

        sentences.Add(random.Pick(Openings()));
        if (ReactionToOthers() is { } reaction)
        {
            sentences.Add(reaction);
        }

        var bodyCount = MinBodySentences + (int)Math.Round(disposition.Talkativeness * (MaxBodySentences - MinBodySentences));
        sentences.AddRange(Concerns()
            .Select(concern => (concern.Bank, Rank: concern.Salience + random.Between(0, SalienceNoise)))
            .OrderByDescending(concern => concern.Rank)
            .Take(bodyCount)
            .Select(concern => random.Pick(concern.Bank)));
        sentences.Add(random.Pick(Closings()));
        return string.Join(' ', sentences.Select(Fill).Distinct());
    }

    /// <summary>One or two sentences: for short fields such as a quote or a one-line reason.</summary>
    public string Remark()
    {
        var concern = Concerns().OrderByDescending(c => c.Salience + random.Between(0, SalienceNoise)).FirstOrDefault();
        var remark = random.Pick(Openings()) + (concern.Bank is null ? string.Empty : " " + random.Pick(concern.Bank));
        return Fill(remark);
    }

    private string[] Openings() => disposition.Sentiment switch
    {
        > PositiveAbove => VoicePhrases.PositiveOpenings,
        < NegativeBelow => VoicePhrases.NegativeOpenings,
        _ => VoicePhrases.MixedOpenings,
    };

    private string[] Closings() => disposition.Sentiment switch
    {
        > PositiveAbove => VoicePhrases.PositiveClosings,
        < NegativeBelow => VoicePhrases.NegativeClosings,
        _ => VoicePhrases.MixedClosings,
    };

    private string? ReactionToOthers()
    {
        // Pushback is voiced first: a disagreeable persona leads with it.
        if (DisagreesWith.Count > 0 && (AgreesWith.Count == 0 || disposition.Pushback >= WorryAbove))
        {
            return random.Pick(VoicePhrases.Pushback).Replace("{name}", DisagreesWith[0], StringComparison.Ordinal);
        }

        return AgreesWith.Count > 0
            ? random.Pick(VoicePhrases.Agreement).Replace("{name}", AgreesWith[0], StringComparison.Ordinal)
            : null;
    }

    private IEnumerable<(string[] Bank, double Salience)> Concerns()
    {
        var cue = (bool present) => present ? CueBoost : 0;
        if (disposition.PriceSensitivity > HighTrait || (reading.MentionsPrice && disposition.PriceSensitivity > WorryAbove))
        {
            yield return (VoicePhrases.PriceStrained, disposition.PriceSensitivity + cue(reading.MentionsPrice));
        }
        else if (reading.MentionsPrice && disposition.PriceSensitivity < LowTrait)
        {
            yield return (VoicePhrases.PriceRelaxed, 1 - disposition.PriceSensitivity);
        }

        if (disposition.NoveltySeeking > HighTrait)
        {
            yield return (VoicePhrases.NoveltyWelcome, disposition.NoveltySeeking + cue(reading.MentionsNovelty));
        }
        else if (disposition.NoveltySeeking < LowTrait)
        {
            yield return (VoicePhrases.NoveltyWary, 1 - disposition.NoveltySeeking + cue(reading.MentionsNovelty));
        }

        if (disposition.Worry > WorryAbove)
        {
            yield return (VoicePhrases.Worries, disposition.Worry + cue(reading.MentionsRisk));
        }

        if (disposition.Worry > HighTrait)
        {
            yield return (VoicePhrases.Worries, disposition.Worry);
        }

        if (disposition.Thoroughness > HighTrait)
        {
            yield return (VoicePhrases.Thorough, disposition.Thoroughness - LowTrait);
        }
        else if (disposition.Thoroughness < LowTrait)
        {
            yield return (VoicePhrases.Impulsive, 1 - disposition.Thoroughness - LowTrait);
        }

        if (disposition.Talkativeness > HighTrait)
        {
            yield return (VoicePhrases.Social, disposition.Talkativeness - LowTrait);
        }
        else if (disposition.Talkativeness < LowTrait)
        {
            yield return (VoicePhrases.Reserved, 1 - disposition.Talkativeness - LowTrait);
        }

        foreach (var circumstance in Circumstances())
        {
            yield return circumstance;
        }
    }

    private IEnumerable<(string[] Bank, double Salience)> Circumstances()
    {
        const double OccupationSalience = 0.45;
        const double RuralSalience = 0.55;
        const double UrbanSalience = 0.3;
        const double AgeSalience = 0.4;

        if (!string.IsNullOrWhiteSpace(persona.Occupation))
        {
            yield return (VoicePhrases.Occupational, OccupationSalience);
        }

        if (!string.IsNullOrWhiteSpace(persona.Location))
        {
            var rural = RuralWords.Any(word => persona.Location.Contains(word, StringComparison.OrdinalIgnoreCase));
            yield return rural ? (VoicePhrases.Rural, RuralSalience) : (VoicePhrases.Urban, UrbanSalience);
        }

        if (persona.Age is <= YoungUpTo)
        {
            yield return (VoicePhrases.Younger, AgeSalience);
        }
        else if (persona.Age is >= OlderFrom)
        {
            yield return (VoicePhrases.Older, AgeSalience);
        }
    }

    private (List<string> Agrees, List<string> Disagrees) TakeSides(DeterministicRandom sideRandom)
    {
        var agrees = new List<string>();
        var disagrees = new List<string>();
        foreach (var statement in reading.OthersSaid.GroupBy(s => s.Speaker).Select(g => g.Last()))
        {
            var sameSide = Math.Abs(statement.Polarity - disposition.Sentiment) < SameSideDistance;
            var stubborn = sideRandom.Chance(disposition.Pushback * StubbornDisagreeShare);
            if (sameSide && !stubborn && sideRandom.Chance(BaseAgreeChance + ((1 - disposition.Pushback) * (1 - BaseAgreeChance))))
            {
                agrees.Add(statement.Speaker);
            }
            else if ((!sameSide || stubborn) && sideRandom.Chance(BaseDisagreeChance + (disposition.Pushback * (1 - BaseDisagreeChance))))
            {
                disagrees.Add(statement.Speaker);
            }
        }

        return (agrees, disagrees);
    }

    private string Fill(string template)
    {
        var worry = random.Pick(VoicePhrases.WorryObjects);
        var text = template
            .Replace("{topic}", reading.Topic, StringComparison.Ordinal)
            .Replace("{worry}", worry, StringComparison.Ordinal)
            .Replace("{occupation}", persona.Occupation?.ToLowerInvariant() ?? "professional", StringComparison.Ordinal)
            .Replace("{location}", persona.Location ?? "my area", StringComparison.Ordinal)
            .Replace("{age}", persona.Age?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "my age", StringComparison.Ordinal);
        return text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
    }
}
