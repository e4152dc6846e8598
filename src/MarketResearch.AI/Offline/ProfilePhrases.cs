namespace MarketResearch.AI.Offline;

/// <summary>Banks for a persona's written profile, each entry tied to the trait that makes it likely.</summary>
internal static class ProfilePhrases
{
    public static readonly (string Value, Func<BigFiveTraits, double> Weight)[] Values =
    [
        ("curiosity", t => t.Openness), ("creativity", t => t.Openness), ("independence", t => t.Openness),
        ("reliability", t => t.Conscientiousness), ("hard work", t => t.Conscientiousness), ("order", t => t.Conscientiousness),
        ("friendship", t => t.Extraversion), ("fun", t => t.Extraversion), ("community", t => t.Extraversion),
        ("family", t => t.Agreeableness), ("kindness", t => t.Agreeableness), ("fairness", t => t.Agreeableness),
        ("security", t => t.Neuroticism), ("stability", t => t.Neuroticism), ("honesty", _ => 0.5),
        ("value for money", t => 1 - t.Openness), ("tradition", t => 1 - t.Openness), ("directness", t => 1 - t.Agreeableness),
    ];

    public static readonly (string Interest, Func<BigFiveTraits, double> Weight)[] Interests =
    [
        ("travel", t => t.Openness), ("trying new recipes", t => t.Openness), ("reading", t => t.Openness),
        ("gaming", t => 1 - t.Conscientiousness), ("gardening", t => t.Conscientiousness), ("personal finance", t => t.Conscientiousness),
        ("team sports", t => t.Extraversion), ("concerts", t => t.Extraversion), ("meeting friends", t => t.Extraversion),
        ("volunteering", t => t.Agreeableness), ("cooking for family", t => t.Agreeableness), ("home improvement", _ => 0.5),
        ("hiking", _ => 0.5), ("podcasts", t => 1 - t.Extraversion), ("films", _ => 0.5), ("fitness", t => t.Conscientiousness),
        ("technology news", t => t.Openness), ("crafts", t => 1 - t.Extraversion),
    ];

    public static readonly string[] BudgetPains =
    [
        "stretching a tight monthly budget", "rising prices for everyday essentials", "unexpected bills",
    ];

    public static readonly string[] WorryPains =
    [
        "feeling anxious about making the wrong choice", "uncertainty about the future", "too much conflicting information",
    ];

    public static readonly string[] BusyPains =
    [
        "too little free time", "juggling work and home", "services that waste time with complicated steps",
    ];

    public static readonly string[] Needs =
    [
        "products that simply work", "clear, honest pricing", "good customer service", "convenience",
        "recommendations from people I trust", "flexibility to cancel", "quality that lasts",
    ];

    public static readonly string[] RuralPains = ["limited access to shops and services", "long travel times"];

    public static readonly string[] OutgoingCommunication =
    [
        "Talkative and expressive; thinks out loud and enjoys a lively exchange.",
        "Warm and chatty; shares stories and asks others for their view.",
    ];

    public static readonly string[] ReservedCommunication =
    [
        "Reserved and concise; speaks up when there is something worth saying.",
        "Quiet and precise; prefers facts to small talk.",
    ];

    public static readonly string[] BluntCommunication =
    [
        "Blunt and direct; says plainly when something does not convince them.",
        "Frank, sometimes confrontational; challenges claims that sound like marketing.",
    ];

    public static readonly string[] MethodicalDecisions =
    [
        "Methodical: researches, reads reviews and compares options before committing.",
        "Plans purchases in advance and sticks to a budget and a shortlist.",
    ];

    public static readonly string[] SpontaneousDecisions =
    [
        "Spontaneous: decides on gut feeling and is often an early adopter.",
        "Impulsive: buys what catches the eye and figures out the details later.",
    ];

    public static readonly string[] CautiousDecisions =
    [
        "Cautious: needs reassurance, guarantees and easy returns before saying yes.",
        "Risk-averse: waits for others' experiences and avoids long commitments.",
    ];

    public static readonly string[] PragmaticDecisions =
    [
        "Pragmatic: weighs price against usefulness and decides fairly quickly.",
        "Balanced: listens to recommendations, then checks the price and decides.",
    ];
}
