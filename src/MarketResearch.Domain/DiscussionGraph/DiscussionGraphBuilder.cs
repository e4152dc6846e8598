namespace MarketResearch.Domain.DiscussionGraph;

/// <summary>
/// Builds the graph from a discussion: Persona–MENTIONS–Concept (count, mean sentiment of the answers that mention it),
/// Persona–FEELS–Emotion (strongest intensity), Persona–AGREES_WITH/DISAGREES_WITH–Persona (count). Only the
/// <see cref="DiscussionGraphOptions.MaxConcepts"/> most widely mentioned concepts are kept, so the graph stays readable.
/// </summary>
public sealed class DiscussionGraphBuilder(IDiscussionExtractor extractor, DiscussionGraphOptions options)
{
    public async Task<DiscussionGraphData> BuildAsync(DiscussionInput input, CancellationToken cancellationToken)
    {
        var extracted = await extractor.ExtractAsync(input, cancellationToken);
        var speakers = input.Speakers.ToDictionary(speaker => speaker.PersonaId);
        var mentions = new Dictionary<(Guid Persona, string Concept), (int Count, double SentimentSum)>();
        var feelings = new Dictionary<(Guid Persona, string Emotion), double>();
        var references = new Dictionary<(Guid From, Guid To, string Kind), int>();
        var surfaces = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var answers = new Dictionary<Guid, (int Count, double SentimentSum)>();

        for (var index = 0; index < input.Utterances.Count; index++)
        {
            var utterance = input.Utterances[index];
            if (!speakers.ContainsKey(utterance.PersonaId))
            {
                continue;
            }

            var analysis = extracted[index];
            var sentiment = analysis.Sentiment;
            var answered = answers.GetValueOrDefault(utterance.PersonaId);
            answers[utterance.PersonaId] = (answered.Count + 1, answered.SentimentSum + sentiment);
            foreach (var phrase in analysis.Concepts)
            {
                var key = (utterance.PersonaId, phrase.Key);
                var seen = mentions.GetValueOrDefault(key);
                mentions[key] = (seen.Count + 1, seen.SentimentSum + sentiment);
                var forms = surfaces.TryGetValue(phrase.Key, out var existing) ? existing : surfaces[phrase.Key] = new Dictionary<string, int>(StringComparer.Ordinal);
                forms[phrase.Surface] = forms.GetValueOrDefault(phrase.Surface) + 1;
            }

            foreach (var (emotion, intensity) in analysis.Emotions)
            {
                var key = (utterance.PersonaId, emotion);
                feelings[key] = Math.Max(feelings.GetValueOrDefault(key), intensity);
            }

            foreach (var other in utterance.AgreesWith.Where(other => other != utterance.PersonaId && speakers.ContainsKey(other)))
            {
                references[(utterance.PersonaId, other, GraphEdgeKinds.AgreesWith)] = references.GetValueOrDefault((utterance.PersonaId, other, GraphEdgeKinds.AgreesWith)) + 1;
            }

            foreach (var other in utterance.DisagreesWith.Where(other => other != utterance.PersonaId && speakers.ContainsKey(other)))
            {
                references[(utterance.PersonaId, other, GraphEdgeKinds.DisagreesWith)] = references.GetValueOrDefault((utterance.PersonaId, other, GraphEdgeKinds.DisagreesWith)) + 1;
            }
        }

        var kept = mentions.GroupBy(pair => pair.Key.Concept)
            .Select(group => (Concept: group.Key, Personas: group.Count(), Mentions: group.Sum(pair => pair.Value.Count), SentimentSum: group.Sum(pair => pair.Value.SentimentSum)))
            .Where(concept => concept.Personas >= Math.Min(options.MinPersonasPerConcept, input.Speakers.Count))
            .OrderByDescending(concept => concept.Personas).ThenByDescending(concept => concept.Mentions).ThenBy(concept => concept.Concept, StringComparer.Ordinal)
            .Take(options.MaxConcepts)
            .ToList();
        var keptKeys = kept.Select(concept => concept.Concept).ToHashSet(StringComparer.Ordinal);

        var nodes = new List<GraphNode>();
        foreach (var speaker in input.Speakers)
        {
            var answered = answers.GetValueOrDefault(speaker.PersonaId);
            nodes.Add(new GraphNode(DiscussionGraphData.PersonaId(speaker.PersonaId), GraphNodeKinds.Persona, speaker.Name, answered.Count,
                answered.Count == 0 ? null : answered.SentimentSum / answered.Count, speaker.Segments));
        }

        foreach (var concept in kept)
        {
            var label = surfaces[concept.Concept].OrderByDescending(form => form.Value).ThenBy(form => form.Key, StringComparer.Ordinal).First().Key;
            nodes.Add(new GraphNode(DiscussionGraphData.ConceptId(concept.Concept), GraphNodeKinds.Concept, label, concept.Mentions,
                concept.SentimentSum / concept.Mentions, new Dictionary<string, string> { ["personas"] = concept.Personas.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        }

        foreach (var emotion in feelings.Keys.Select(key => key.Emotion).Distinct().Order(StringComparer.Ordinal))
        {
            nodes.Add(new GraphNode(DiscussionGraphData.EmotionId(emotion), GraphNodeKinds.Emotion, emotion,
                feelings.Count(pair => pair.Key.Emotion == emotion), null, new Dictionary<string, string>()));
        }

        var edges = new List<GraphEdge>();
        edges.AddRange(mentions.Where(pair => keptKeys.Contains(pair.Key.Concept))
            .OrderBy(pair => pair.Key.Persona).ThenBy(pair => pair.Key.Concept, StringComparer.Ordinal)
            .Select(pair => new GraphEdge(DiscussionGraphData.PersonaId(pair.Key.Persona), DiscussionGraphData.ConceptId(pair.Key.Concept),
                GraphEdgeKinds.Mentions, pair.Value.Count, pair.Value.SentimentSum / pair.Value.Count)));
        edges.AddRange(feelings.OrderBy(pair => pair.Key.Persona).ThenBy(pair => pair.Key.Emotion, StringComparer.Ordinal)
            .Select(pair => new GraphEdge(DiscussionGraphData.PersonaId(pair.Key.Persona), DiscussionGraphData.EmotionId(pair.Key.Emotion), GraphEdgeKinds.Feels, pair.Value, null)));
        edges.AddRange(references.OrderBy(pair => pair.Key.From).ThenBy(pair => pair.Key.To).ThenBy(pair => pair.Key.Kind, StringComparer.Ordinal)
            .Select(pair => new GraphEdge(DiscussionGraphData.PersonaId(pair.Key.From), DiscussionGraphData.PersonaId(pair.Key.To), pair.Key.Kind, pair.Value, null)));
        return new DiscussionGraphData(input.FocusGroupId, nodes, edges);
    }
}

/// <summary>Limits that keep the graph readable.</summary>
public sealed class DiscussionGraphOptions
{
    public const string Section = "DiscussionGraph";

    /// <summary>Concepts kept, by how many personas mention them.</summary>
    [System.ComponentModel.DataAnnotations.Range(5, 500)]
    public int MaxConcepts { get; set; } = 40;

    /// <summary>A concept one persona alone mentions is noise in a group.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 50)]
    public int MinPersonasPerConcept { get; set; } = 2;
}
