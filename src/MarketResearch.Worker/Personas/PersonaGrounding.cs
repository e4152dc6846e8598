using System.Globalization;
using System.Text;
using MarketResearch.Domain.Knowledge;
using MarketResearch.Domain.Personas;
using MarketResearch.Domain.Projects;
using MarketResearch.Knowledge;
using MarketResearch.Knowledge.Search;
using Microsoft.Extensions.Options;

namespace MarketResearch.Worker.Personas;

/// <summary>The passages a profile is grounded in: the prompt section with [n] markers and the citations to store.</summary>
internal sealed record PersonaGroundingPassages(string PromptSection, IReadOnlyList<KnowledgeCitation> Citations)
{
    public static readonly PersonaGroundingPassages None = new(string.Empty, []);
}

/// <summary>
/// Searches the project's knowledge base once per audience segment (the persona's demographic values), not once per
/// persona: a large panel costs one search per distinct segment.
/// </summary>
internal sealed class PersonaGrounding(IServiceScopeFactory scopes, IOptions<KnowledgeOptions> options)
{
    public async Task<IReadOnlyDictionary<int, PersonaGroundingPassages>> ForPanelAsync(
        Project project, IReadOnlyList<PersonaBlueprint> blueprints, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var search = scope.ServiceProvider.GetRequiredService<KnowledgeSearch>();
        var bySegment = new Dictionary<string, PersonaGroundingPassages>(StringComparer.Ordinal);
        var bySlot = new Dictionary<int, PersonaGroundingPassages>();
        foreach (var blueprint in blueprints)
        {
            var segment = string.Join(", ", blueprint.Demographics.Values.Select(pair => $"{pair.Key} {pair.Value}"));
            if (!bySegment.TryGetValue(segment, out var passages))
            {
                var query = Query(project, segment);
                var found = await search.SearchAsync(project.Id, query, options.Value.GroundingPassages, cancellationToken);
                bySegment[segment] = passages = Describe(found, options.Value.CitationQuoteCharacters);
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

    internal static PersonaGroundingPassages Describe(IReadOnlyList<KnowledgePassage> passages, int quoteCharacters)
    {
        if (passages.Count == 0)
        {
            return PersonaGroundingPassages.None;
        }

        var prompt = new StringBuilder();
        var citations = new List<KnowledgeCitation>();
        for (var index = 0; index < passages.Count; index++)
        {
            var passage = passages[index];
            var marker = index + 1;
            var where = passage.Page is { } page ? string.Create(CultureInfo.InvariantCulture, $", page {page}") : passage.Section is { } section ? $", {section}" : string.Empty;
            prompt.Append(CultureInfo.InvariantCulture, $"[{marker}] ({passage.DocumentName}{where}) {passage.Text}\n");
            var quote = passage.Text.Length > quoteCharacters ? passage.Text[..quoteCharacters] : passage.Text;
            citations.Add(new KnowledgeCitation(marker, passage.DocumentId, passage.ChunkId, passage.DocumentName, passage.Page, passage.Section, quote));
        }

        return new PersonaGroundingPassages(prompt.ToString().TrimEnd('\n'), citations);
    }
}
