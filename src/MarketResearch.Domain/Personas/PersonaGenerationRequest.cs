namespace MarketResearch.Domain.Personas;

/// <summary>Body of POST /projects/{id}/personas/generate, and the payload of the job it starts.</summary>
public sealed record PersonaGenerationRequest(int? Count, bool? Adversarial = null, long? Seed = null, bool? UseKnowledge = null)
{
    public const string JobType = "personas.generate";
}

/// <summary>The job payload: the request with the seed fixed, so a retried job plans the same panel.</summary>
public sealed record PersonaGenerationPayload(Guid ProjectId, int Count, bool Adversarial, long Seed, bool UseKnowledge);
