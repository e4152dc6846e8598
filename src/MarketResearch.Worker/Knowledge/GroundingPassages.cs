using System.Globalization;
using System.Text;
using MarketResearch.Domain.Knowledge;
using MarketResearch.Knowledge.Search;

namespace MarketResearch.Worker.Knowledge;

/// <summary>The passages a prompt is grounded in: the prompt section with [n] markers and the citations to store.</summary>
internal sealed record GroundingPassages(string PromptSection, IReadOnlyList<KnowledgeCitation> Citations)
{
    public static readonly GroundingPassages None = new(string.Empty, []);

    public static GroundingPassages Describe(IReadOnlyList<KnowledgePassage> passages, int quoteCharacters)
    {
        if (passages.Count == 0)
        {
            return None;
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

        return new GroundingPassages(prompt.ToString().TrimEnd('\n'), citations);
    }
}
