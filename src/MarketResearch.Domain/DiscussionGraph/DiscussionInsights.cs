namespace MarketResearch.Domain.DiscussionGraph;

/// <summary>What the graph says about a discussion.</summary>
public sealed record DiscussionInsights(
    IReadOnlyList<KeyConcept> KeyConcepts,
    IReadOnlyList<ControversialConcept> ControversialConcepts,
    IReadOnlyList<InfluentialPersona> InfluentialPersonas,
    IReadOnlyList<PersonaRelation> Agreements,
    IReadOnlyList<PersonaRelation> Disagreements,
    IReadOnlyList<SegmentDifference> SegmentDifferences);

public sealed record KeyConcept(string Id, string Label, int Mentions, int Personas, double Sentiment);

/// <summary>A concept the group split on: spread is the standard deviation of the personas' sentiment towards it.</summary>
public sealed record ControversialConcept(string Id, string Label, double Spread, double Score, IReadOnlyList<string> Supporters, IReadOnlyList<string> Critics);

/// <summary>PageRank over who responds to whom (agreeing or pushing back), so being answered is influence.</summary>
public sealed record InfluentialPersona(string Id, string Name, double Score, int Agreements, int Disagreements);

public sealed record PersonaRelation(string From, string FromName, string To, string ToName, int Count);

/// <summary>The widest gap in mean sentiment towards a concept between two values of one demographic category.</summary>
public sealed record SegmentDifference(string ConceptId, string Concept, string Category, string MostPositive, double MostPositiveSentiment, string MostNegative, double MostNegativeSentiment)
{
    public double Gap => MostPositiveSentiment - MostNegativeSentiment;
}
