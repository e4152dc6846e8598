using MarketResearch.Domain.Knowledge;
using MarketResearch.Domain.Personas;
using MarketResearch.Domain.Projects;
using MarketResearch.Knowledge;
using MarketResearch.Knowledge.Search;
using MarketResearch.Worker.Knowledge;
using Microsoft.Extensions.Options;

namespace MarketResearch.Worker.Personas;

/// <summary>
/// Searches the project's knowledge base once per audience segment (the persona's demographic values), not once per
/// persona: a large panel costs one search per distinct segment.
/// </summary>
internal sealed class PersonaGrounding(IServiceScopeFactory scopes, IOptions<KnowledgeOptions> options)
{
    public async Task<IReadOnlyDictionary<int, GroundingPassages>> ForPanelAsync(
        Project project, IReadOnlyList<PersonaBlueprint> blueprints, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var search = scope.ServiceProvider.GetRequiredService<KnowledgeSearch>();
        var bySegment = new Dictionary<string, GroundingPassages>(StringComparer.Ordinal);
        var bySlot = new Dictionary<int, GroundingPassages>();
        foreach (var blueprint in blueprints)
        {
            var segment = string.Join(", ", blueprint.Demographics.Values.Select(pair => $"{pair.Key} {pair.Value}"));
            if (!bySegment.TryGetValue(segment, out var passages))
            {
                var query = Query(project, segment);
                var found = await search.SearchAsync(project.Id, query, options.Value.GroundingPassages, cancellationToken);
                bySegment[segment] = passages = GroundingPassages.Describe(found, options.Value.CitationQuoteCharacters);
            }

            bySlot[blueprint.Slot] = passages;
        }

        return bySlot;
    }

    /// <summary>What the researcher studies and who this persona is: the words a relevant passage shares.</summary>
    private static string Query(Project project, string segment)
    {
        var query = string.Join(". ", new[] { project.Name, project.Objectives, project.Audience.Description, segment }
            .Where(part => !string.IsNullOrWhiteSpace(part)));
        return query.Length > MaxQueryCharacters ? query[..MaxQueryCharacters] : query;
    }

    private const int MaxQueryCharacters = 1000;
}
