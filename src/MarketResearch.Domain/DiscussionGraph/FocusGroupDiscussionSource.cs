using MarketResearch.Domain.FocusGroups;
using MarketResearch.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MarketResearch.Domain.DiscussionGraph;

/// <summary>The transcript of a focus group's latest run, as graph input: personas' answers (not the moderator's).</summary>
public sealed class FocusGroupDiscussionSource(ResearchDbContext db) : IDiscussionSource
{
    public async Task<DiscussionInput?> LoadAsync(Guid focusGroupId, CancellationToken cancellationToken)
    {
        var group = await db.FocusGroups.AsNoTracking().FirstOrDefaultAsync(row => row.Id == focusGroupId, cancellationToken);
        if (group?.LastJobId is not { } run)
        {
            return null;
        }

        var turns = await db.FocusGroupTurns.AsNoTracking()
            .Where(turn => turn.FocusGroupId == focusGroupId && turn.JobId == run && turn.SpeakerPersonaId != null)
            .OrderBy(turn => turn.Sequence)
            .ToListAsync(cancellationToken);
        if (turns.Count == 0)
        {
            return null;
        }

        var speakerIds = turns.Select(turn => turn.SpeakerPersonaId!.Value).Distinct().ToList();
        var personas = await db.Personas.AsNoTracking().Where(persona => speakerIds.Contains(persona.Id))
            .Select(persona => new { persona.Id, persona.Name, persona.Demographics, persona.Locale })
            .ToListAsync(cancellationToken);
        var locale = personas.FirstOrDefault()?.Locale ?? "en";
        return new DiscussionInput(focusGroupId, group.ProjectId, locale,
            personas.Select(persona => new DiscussionSpeaker(persona.Id, persona.Name, persona.Demographics)).ToList(),
            turns.Select(turn => new Utterance(turn.SpeakerPersonaId!.Value, turn.QuestionIndex, turn.Text, turn.Sentiment, turn.AgreesWith, turn.DisagreesWith)).ToList());
    }
}
