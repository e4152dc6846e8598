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
            .Select(persona => new Personas.Persona { Id = persona.Id, Name = persona.Name, Demographics = persona.Demographics, Locale = persona.Locale })
            .ToListAsync(cancellationToken);
        return Describe(focusGroupId, group.ProjectId, personas, turns);
    }

    /// <summary>
    /// The graph input from a run's turns and the personas who spoke; the focus-group run uses it on the transcript it
    /// is about to save, so its graph is the one a rebuild from the saved rows gives.
    /// </summary>
    public static DiscussionInput Describe(Guid focusGroupId, Guid projectId, IReadOnlyList<Personas.Persona> personas, IReadOnlyList<FocusGroupTurn> turns)
    {
        var spoken = turns.Where(turn => turn.SpeakerPersonaId is not null).OrderBy(turn => turn.Sequence).ToList();
        var speakerIds = spoken.Select(turn => turn.SpeakerPersonaId!.Value).ToHashSet();
        var speakers = personas.Where(persona => speakerIds.Contains(persona.Id)).ToList();
        var locale = speakers.FirstOrDefault()?.Locale ?? "en";
        return new DiscussionInput(focusGroupId, projectId, locale,
            speakers.Select(persona => new DiscussionSpeaker(persona.Id, persona.Name, persona.Demographics)).ToList(),
            spoken.Select(turn => new Utterance(turn.SpeakerPersonaId!.Value, turn.QuestionIndex, turn.Text, turn.Sentiment, turn.AgreesWith, turn.DisagreesWith)).ToList());
    }
}
