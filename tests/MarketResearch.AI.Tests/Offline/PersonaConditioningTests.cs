using MarketResearch.AI;
using MarketResearch.AI.Structured;
using MarketResearch.AI.Tests.Support;

namespace MarketResearch.AI.Tests.Offline;

/// <summary>Differences between personas measured over many prompts and seeds, not anecdotes.</summary>
public sealed class PersonaConditioningTests
{
    private static readonly long[] Seeds = [1, 2, 3];

    private static readonly string[] WorryWords = ["worr", "nervous", "concern", "anxious", "afraid"];
    private static readonly string[] PriceWorries = ["budget", "cheap", "discount", "expense", "tight", "walk away", "hard to justify"];
    private static readonly string[] PushbackWords = ["disagree", "don't agree", "wrong here", "push back", "doesn't match"];

    [Fact]
    public async Task A_high_neuroticism_persona_voices_more_worries()
    {
        var anxious = await AnswersAsync(Personas.Anxious, Prompts.All);
        var calm = await AnswersAsync(Personas.Calm, Prompts.All);

        var anxiousWorries = OfflineCalls.CountWords(anxious, WorryWords);
        var calmWorries = OfflineCalls.CountWords(calm, WorryWords);
        Assert.True(anxiousWorries > Math.Max(2 * calmWorries, anxious.Count / 2), $"anxious {anxiousWorries} vs calm {calmWorries} worries");
    }

    [Fact]
    public async Task A_low_income_persona_reacts_to_price_and_likes_pricey_offers_less()
    {
        var poorer = await AnswersAsync(Personas.LowIncome, Prompts.Price);
        var richer = await AnswersAsync(Personas.HighIncome, Prompts.Price);
        var poorerSentiment = await MeanSentimentAsync(Personas.LowIncome, Prompts.Price);
        var richerSentiment = await MeanSentimentAsync(Personas.HighIncome, Prompts.Price);

        Assert.True(OfflineCalls.CountWords(poorer, PriceWorries) > Math.Max(3 * OfflineCalls.CountWords(richer, PriceWorries), poorer.Count / 2));
        Assert.True(poorerSentiment < richerSentiment - 0.3, $"low income {poorerSentiment:0.00} vs high income {richerSentiment:0.00}");
    }

    [Fact]
    public async Task A_high_openness_persona_welcomes_novelty()
    {
        var curious = await MeanSentimentAsync(Personas.Curious, Prompts.Novelty);
        var conventional = await MeanSentimentAsync(Personas.Conventional, Prompts.Novelty);
        var curiousTexts = await AnswersAsync(Personas.Curious, Prompts.Novelty);
        var conventionalTexts = await AnswersAsync(Personas.Conventional, Prompts.Novelty);

        Assert.True(curious > conventional + 0.5, $"curious {curious:0.00} vs conventional {conventional:0.00}");
        Assert.True(OfflineCalls.CountWords(curiousTexts, "new", "fresh", "first") > OfflineCalls.CountWords(conventionalTexts, "new", "fresh", "first"));
        Assert.True(OfflineCalls.CountWords(conventionalTexts, "stick with", "wait until", "current routine", "doesn't impress") > curiousTexts.Count / 2);
    }

    [Fact]
    public async Task A_low_agreeableness_persona_pushes_back_on_others()
    {
        var questions = Prompts.All.Select(Prompts.WithEarlierAnswers).ToList();
        var disagreeable = await AnswersAsync(Personas.Disagreeable, questions);
        var agreeable = await AnswersAsync(Personas.Agreeable, questions);
        var disagreeableRate = await DisagreementRateAsync(Personas.Disagreeable, questions);
        var agreeableRate = await DisagreementRateAsync(Personas.Agreeable, questions);

        Assert.True(OfflineCalls.CountWords(disagreeable, PushbackWords) > 3 * Math.Max(1, OfflineCalls.CountWords(agreeable, PushbackWords)));
        Assert.True(disagreeableRate > agreeableRate + 0.3, $"disagreeable {disagreeableRate:P0} vs agreeable {agreeableRate:P0} answers disagree with someone");
    }

    [Fact]
    public async Task Personas_side_with_those_who_share_their_view()
    {
        // Maria and Ewa were enthusiastic, Tom was hostile: a delighted persona should side with the first two.
        var delighted = Personas.With(new BigFiveTraits(0.95, 0.5, 0.5, 0.8, 0.05));
        var sided = new Dictionary<string, int> { ["agrees:Maria"] = 0, ["agrees:Tom"] = 0, ["disagrees:Maria"] = 0, ["disagrees:Tom"] = 0 };
        foreach (var prompt in Prompts.Novelty.Select(Prompts.WithEarlierAnswers))
        {
            foreach (var seed in Seeds)
            {
                var answer = await OfflineCalls.JsonAsync(delighted, prompt, ResearchSchemas.FocusGroupAnswer, seed);
                foreach (var side in new[] { "agrees", "disagrees" })
                {
                    foreach (var name in answer.GetProperty(side + "With").EnumerateArray().Select(n => n.GetString()).Where(n => n is "Maria" or "Tom"))
                    {
                        sided[$"{side}:{name}"]++;
                    }
                }
            }
        }

        Assert.True(sided["agrees:Maria"] > 3 * sided["agrees:Tom"], string.Join(", ", sided));
        Assert.True(sided["disagrees:Tom"] > 3 * sided["disagrees:Maria"], string.Join(", ", sided));
    }

    [Fact]
    public async Task An_extravert_says_more_than_an_introvert()
    {
        var outgoing = (await AnswersAsync(Personas.Outgoing, Prompts.All)).Average(a => a.Split(' ').Length);
        var reserved = (await AnswersAsync(Personas.Reserved, Prompts.All)).Average(a => a.Split(' ').Length);

        Assert.True(outgoing > reserved * 1.3, $"extravert {outgoing:0} vs introvert {reserved:0} words");
    }

    [Fact]
    public async Task Survey_choices_follow_the_persona()
    {
        var tiers = ResearchSchemas.SingleChoice(["Basic plan at the lowest price", "Standard plan", "Premium plan with the best quality"]);
        var rating = ResearchSchemas.RatingScale(1, 5);
        const string TierQuestion = "Which plan of the new streaming service would you choose?";
        const string RatingQuestion = "How would you rate this new innovative smart-home concept?";

        var cheapByPoorer = 0;
        var cheapByRicher = 0;
        var curiousRating = 0.0;
        var conventionalRating = 0.0;
        for (var seed = 0; seed < 60; seed++)
        {
            cheapByPoorer += (await OfflineCalls.JsonAsync(Personas.LowIncome, TierQuestion, tiers, seed)).GetProperty("choice").GetString()!.StartsWith("Basic", StringComparison.Ordinal) ? 1 : 0;
            cheapByRicher += (await OfflineCalls.JsonAsync(Personas.HighIncome, TierQuestion, tiers, seed)).GetProperty("choice").GetString()!.StartsWith("Basic", StringComparison.Ordinal) ? 1 : 0;
            curiousRating += (await OfflineCalls.JsonAsync(Personas.Curious, RatingQuestion, rating, seed)).GetProperty("rating").GetInt32();
            conventionalRating += (await OfflineCalls.JsonAsync(Personas.Conventional, RatingQuestion, rating, seed)).GetProperty("rating").GetInt32();
        }

        Assert.True(cheapByPoorer > 1.5 * cheapByRicher, $"basic plan chosen {cheapByPoorer} vs {cheapByRicher} times of 60");
        Assert.True(curiousRating / 60 > (conventionalRating / 60) + 1, $"mean rating {curiousRating / 60:0.0} vs {conventionalRating / 60:0.0}");
    }

    private static async Task<List<string>> AnswersAsync(PersonaContext persona, IEnumerable<string> prompts)
    {
        var answers = new List<string>();
        foreach (var prompt in prompts)
        {
            foreach (var seed in Seeds)
            {
                answers.Add(await OfflineCalls.TextAsync(persona, prompt, seed));
            }
        }

        return answers;
    }

    private static async Task<double> MeanSentimentAsync(PersonaContext persona, IEnumerable<string> prompts)
    {
        var sentiments = new List<double>();
        foreach (var prompt in prompts)
        {
            foreach (var seed in Seeds)
            {
                sentiments.Add((await OfflineCalls.JsonAsync(persona, prompt, ResearchSchemas.FocusGroupAnswer, seed)).GetProperty("sentiment").GetDouble());
            }
        }

        return sentiments.Average();
    }

    private static async Task<double> DisagreementRateAsync(PersonaContext persona, IReadOnlyList<string> prompts)
    {
        var disagreeing = 0;
        foreach (var prompt in prompts)
        {
            foreach (var seed in Seeds)
            {
                var answer = await OfflineCalls.JsonAsync(persona, prompt, ResearchSchemas.FocusGroupAnswer, seed);
                disagreeing += answer.GetProperty("disagreesWith").GetArrayLength() > 0 ? 1 : 0;
            }
        }

        return disagreeing / (double)(prompts.Count * Seeds.Length);
    }
}
