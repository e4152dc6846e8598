using MarketResearch.Domain.Projects;
using MarketResearch.Knowledge;
using MarketResearch.Knowledge.Search;
using MarketResearch.Worker.Knowledge;
using Microsoft.Extensions.Options;

namespace MarketResearch.Worker.FocusGroups;

/// <summary>
/// The researcher's own documents behind a focus group's summary: one search of the project's knowledge base for
/// what the group discusses. A project without documents costs an empty search and grounds nothing.
/// </summary>
internal static class FocusGroupGrounding
{
    private const int MaxQueryCharacters = 1000;

    public static async Task<GroundingPassages> SearchAsync(
        IServiceScopeFactory scopes, Project project, IReadOnlyList<string> questions, CancellationToken cancellationToken)
    {
        // Its own scope (and so its own DbContext): the search runs while the discussion does.
        await using var scope = scopes.CreateAsyncScope();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<KnowledgeOptions>>().Value;
        var found = await scope.ServiceProvider.GetRequiredService<KnowledgeSearch>().SearchAsync(project.Id, Query(project, questions), options.GroundingPassages, cancellationToken);
        return GroundingPassages.Describe(found, options.CitationQuoteCharacters);
    }

    /// <summary>What the researcher studies and what the group was asked: the words a relevant passage shares.</summary>
    internal static string Query(Project project, IReadOnlyList<string> questions)
    {
        var query = string.Join(". ", new[] { project.Name, project.Objectives }.Concat(questions).Where(part => !string.IsNullOrWhiteSpace(part)));
        return query.Length > MaxQueryCharacters ? query[..MaxQueryCharacters] : query;
    }
}
