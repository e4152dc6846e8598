namespace MarketResearch.AI.Offline;

/// <summary>
/// The template banks a persona's spoken answer is assembled from. Placeholders: {topic}, {name}, {worry},
/// {occupation}, {location}, {age}. Several variants per slot keep a panel from sounding like one voice.
/// </summary>
internal static class VoicePhrases
{
    public static readonly string[] PositiveOpenings =
    [
        "Honestly, I really like {topic}.", "I'm genuinely keen on {topic}.", "{topic} sounds good to me.",
        "My first reaction to {topic} is positive.", "I could see myself going for {topic}.",
        "There's a lot to like about {topic}.",
    ];

    public static readonly string[] MixedOpenings =
    [
        "I'm a bit torn about {topic}.", "{topic} has its good and bad sides for me.", "I can see both sides of {topic}.",
        "My feelings about {topic} are mixed.", "I'm not sure yet what I think about {topic}.",
    ];

    public static readonly string[] NegativeOpenings =
    [
        "To be honest, {topic} doesn't appeal to me.", "I'm not convinced by {topic}.", "{topic} isn't for me, I'm afraid.",
        "I'm quite sceptical about {topic}.", "I don't really see the point of {topic}.",
    ];

    public static readonly string[] Continuity =
    [
        "Like I said earlier, I try to stay consistent here.", "Building on what I said before,",
        "Going back to my earlier point,",
    ];

    public static readonly string[] Agreement =
    [
        "I'm with {name} on this.", "{name} made a good point and I agree.", "I'd second what {name} said.",
        "I agree with {name} here.",
    ];

    public static readonly string[] Pushback =
    [
        "I disagree with {name} though.", "I don't agree with {name} on this at all.",
        "Sorry, but I think {name} is wrong here.", "I have to push back on what {name} said.",
        "{name}'s view doesn't match my experience.",
    ];

    public static readonly string[] PriceStrained =
    [
        "On my budget, the price is the first thing I look at.", "Money is tight, so it would have to be cheap.",
        "I'd only consider it if the cost is really low or there's a discount.",
        "Every expense counts for me, so paying extra for this is hard to justify.",
        "If it costs more than what I use now, I'd walk away.",
    ];

    public static readonly string[] PriceRelaxed =
    [
        "Price isn't my main concern as long as the quality is there.", "I don't mind paying more for something good.",
        "If it works well, the cost is secondary for me.",
    ];

    public static readonly string[] NoveltyWelcome =
    [
        "I love trying new things, so this excites me.", "New ideas like this are exactly what I look out for.",
        "I'd happily be one of the first to try it.", "It feels fresh, and that appeals to me.",
    ];

    public static readonly string[] NoveltyWary =
    [
        "I tend to stick with what I know works.", "I'd wait until others have tried it before I switch.",
        "New for the sake of new doesn't impress me.", "I'm happy with my current routine, so change needs a good reason.",
    ];

    public static readonly string[] Worries =
    [
        "What worries me is {worry}.", "I'd be nervous about {worry}.", "My main concern would be {worry}.",
        "I keep thinking about {worry}, and that makes me anxious.", "I'm afraid of {worry}.",
    ];

    public static readonly string[] WorryObjects =
    [
        "hidden fees", "it not working when I need it", "my personal data", "wasting money on it",
        "getting locked into a contract", "the quality dropping after a while", "whether it's safe",
        "not being able to cancel easily",
    ];

    public static readonly string[] Thorough =
    [
        "I'd read the reviews and compare the options before committing.", "I'd want the details in writing first.",
        "I'd plan it carefully and check it fits my routine.",
    ];

    public static readonly string[] Impulsive =
    [
        "I'd probably just give it a go on a whim.", "I don't overthink these things, I'd just try it.",
    ];

    public static readonly string[] Social =
    [
        "I'd definitely talk about it with my friends.", "If my friends were using it, I'd join in straight away.",
    ];

    public static readonly string[] Reserved =
    [
        "I'd rather figure it out on my own, quietly.", "I don't need other people's opinions to decide.",
    ];

    public static readonly string[] Occupational =
    [
        "As a {occupation}, I'd judge it by whether it saves me time.",
        "Working as a {occupation}, my days are busy, so it has to be simple.",
        "In my job as a {occupation}, I see how these things play out in practice.",
    ];

    public static readonly string[] Rural =
    [
        "Out here in {location}, access and delivery are always the catch.",
        "Living in {location}, I often find these things aren't really available to me.",
    ];

    public static readonly string[] Urban =
    [
        "In {location} there are plenty of alternatives, so it has to stand out.",
        "Living in {location}, I'm used to having lots of options.",
    ];

    public static readonly string[] Younger = ["People my age would probably give it a shot.", "At {age}, I'm open to trying things."];

    public static readonly string[] Older = ["At my age, I value reliability over novelty.", "At {age}, I've seen a lot of these come and go."];

    public static readonly string[] PositiveClosings =
    [
        "Overall, I'd give it a try.", "So yes, count me in.", "All in all, I'm positive about it.",
        "I'd recommend it to people like me.",
    ];

    public static readonly string[] MixedClosings =
    [
        "I'd need to see more before deciding.", "It could work, but I'm on the fence.", "Maybe, if those doubts are addressed.",
    ];

    public static readonly string[] NegativeClosings =
    [
        "So no, I wouldn't go for it.", "For now, it's not for me.", "I'd pass on this one.",
        "They'd have to change a lot to win me over.",
    ];
}
