namespace MarketResearch.AI.Tests.Support;

/// <summary>Moderator questions of the kinds focus groups ask.</summary>
internal static class Prompts
{
    public static IReadOnlyList<string> Price { get; } =
    [
        "What do you think about a meal-kit subscription priced at $60 a week?",
        "Would you pay 15 euros a month for premium banking?",
        "How do you feel about the price of a $6 oat-milk latte?",
        "Is 499 zł a fair price for wireless earbuds?",
        "What would you say about paying a monthly fee for home energy monitoring?",
        "How do you feel about an annual membership costing $120 for a gym?",
        "Would a cheaper, ad-supported plan for the streaming service appeal to you?",
        "What do you think of the cost of organic groceries delivered weekly?",
        "How would you react to a 20% price increase on your phone plan?",
        "Would you buy a premium coffee machine that costs $900?",
    ];

    public static IReadOnlyList<string> Novelty { get; } =
    [
        "What do you think about a new AI app that plans your weekly meals?",
        "How do you feel about an innovative smart fridge that orders groceries itself?",
        "Would you try a brand new concept: a library for tools in your neighbourhood?",
        "What is your reaction to a novel digital wallet that replaces cards?",
        "How do you feel about a prototype e-bike with an automatic gearbox?",
        "Would you switch to a new kind of plant-based cheese?",
        "What do you think about a futuristic delivery drone service?",
        "How would you feel about trying a new subscription-free smart speaker concept?",
        "What is your first impression of an experimental 4-day school week idea?",
        "Would you use a new technology that translates conversations in real time?",
    ];

    public static IReadOnlyList<string> General { get; } =
    [
        "How do you usually choose a bank?",
        "What matters to you when buying running shoes?",
        "Tell us about your morning routine and coffee.",
        "How do you decide where to go on holiday?",
        "What frustrates you about online shopping?",
        "How do you feel about your current mobile network?",
        "What do you look for in a family car?",
        "How often do you cook at home, and why?",
        "What would make you switch your electricity supplier?",
        "How do you keep up with the news?",
    ];

    public static IReadOnlyList<string> All { get; } = [.. Price, .. Novelty, .. General];

    /// <summary>A round of a focus group in which three others have already spoken, for and against.</summary>
    public static string WithEarlierAnswers(string question) =>
        $"""
        Earlier in the discussion:
        Maria (45, nurse): I love it, it's great and really convenient, I'd definitely try it.
        Tom (31, engineer): No, it's overpriced and I don't trust it, a waste of money.
        Ewa (62, retiree): Sounds good and useful, I'd recommend it to my friends.

        Question: {question}
        """;
}
