namespace MarketResearch.Domain.Personas;

/// <summary>The role a persona plays in a panel; everything but <see cref="Standard"/> comes from adversarial mode.</summary>
public enum PersonaArchetype
{
    /// <summary>A typical member of the target audience.</summary>
    Standard,

    /// <summary>Big Five traits pushed to the tails of the scale.</summary>
    ExtremeTrait,

    /// <summary>Low agreeableness; disagrees by default and needs convincing.</summary>
    Contrarian,

    /// <summary>Argues the opposite of whatever the majority of the panel says.</summary>
    DevilsAdvocate,

    /// <summary>An unusual but valid combination of the audience's rarer demographic values.</summary>
    EdgeCase,
}

/// <summary>What each archetype asks of the profile writer and the moderator, in words a prompt can carry.</summary>
public static class PersonaArchetypes
{
    public static string Brief(PersonaArchetype archetype) => archetype switch
    {
        PersonaArchetype.ExtremeTrait => "Has an unusually strong personality; reactions are intense and far from the average.",
        PersonaArchetype.Contrarian => "Sceptical and hard to please; disagrees by default and needs convincing.",
        PersonaArchetype.DevilsAdvocate => "Deliberately argues the opposite of what most others in the group say, with reasons.",
        PersonaArchetype.EdgeCase => "Belongs to the audience but at its margins; needs and constraints others overlook.",
        _ => "A typical member of the target audience.",
    };
}
