using MarketResearch.AI.PromptTemplates;

namespace MarketResearch.Worker.FocusGroups;

/// <summary>The focus-group prompts; their wording lives in Prompts/focus-group-*.v{N}.txt.</summary>
internal static class FocusGroupPrompts
{
    public static PromptTemplate Participant { get; } = Load("focus-group-participant");
    // v2: the recalled answers are in speaking order while they all fit, ranked only beyond that.
    public static PromptTemplate Answer { get; } = Load("focus-group-answer", version: 2);
    public static PromptTemplate FollowUp { get; } = Load("focus-group-followup");
    public static PromptTemplate Insights { get; } = Load("focus-group-insights", version: 2);

    /// <summary>Stored with each run's insights: which prompts produced it.</summary>
    public static string Versions => string.Join(',', Participant.Id, Answer.Id, FollowUp.Id, Insights.Id);

    private static PromptTemplate Load(string name, int version = 1) => PromptTemplate.Load(typeof(FocusGroupPrompts).Assembly, name, version);
}
