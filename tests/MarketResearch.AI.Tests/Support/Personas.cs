using MarketResearch.AI;

namespace MarketResearch.AI.Tests.Support;

/// <summary>Personas that differ in one trait or circumstance, everything else held at a typical value.</summary>
internal static class Personas
{
    public static PersonaContext Typical { get; } = new()
    {
        Name = "Alex",
        Age = 38,
        Gender = "female",
        IncomeBand = "middle",
        Location = "Warsaw",
        Occupation = "Teacher",
        BigFive = BigFiveTraits.Average,
    };

    public static PersonaContext With(BigFiveTraits traits, string? name = null) =>
        Typical with { BigFive = traits, Name = name ?? Typical.Name };

    public static PersonaContext Anxious { get; } = With(BigFiveTraits.Average with { Neuroticism = 0.95 });

    public static PersonaContext Calm { get; } = With(BigFiveTraits.Average with { Neuroticism = 0.05 });

    public static PersonaContext Curious { get; } = With(BigFiveTraits.Average with { Openness = 0.95 });

    public static PersonaContext Conventional { get; } = With(BigFiveTraits.Average with { Openness = 0.05 });

    public static PersonaContext Disagreeable { get; } = With(BigFiveTraits.Average with { Agreeableness = 0.05 });

    public static PersonaContext Agreeable { get; } = With(BigFiveTraits.Average with { Agreeableness = 0.95 });

    public static PersonaContext Outgoing { get; } = With(BigFiveTraits.Average with { Extraversion = 0.95 });

    public static PersonaContext Reserved { get; } = With(BigFiveTraits.Average with { Extraversion = 0.05 });

    public static PersonaContext LowIncome { get; } = Typical with { IncomeBand = "under 25k" };

    public static PersonaContext HighIncome { get; } = Typical with { IncomeBand = "150k+" };

    /// <summary>A varied panel: every trait level and several demographics.</summary>
    public static IReadOnlyList<PersonaContext> Panel(int count)
    {
        var random = new Random(count);
        string[] names = ["Anna", "Piotr", "Maria", "John", "Kasia", "Tom", "Ewa", "Sam", "Lena", "Omar"];
        string[] incomes = ["low", "30-60k", "middle", "upper middle", "100k+"];
        string[] places = ["rural Podlasie", "Kraków", "a village near Poznań", "London", "Gdańsk"];
        string[] jobs = ["Nurse", "Engineer", "Farmer", "Student", "Retiree", "Accountant", "Designer"];
        return Enumerable.Range(0, count).Select(index => new PersonaContext
        {
            Name = names[index % names.Length] + index,
            Age = 18 + random.Next(65),
            Gender = index % 2 == 0 ? "female" : "male",
            IncomeBand = incomes[random.Next(incomes.Length)],
            Location = places[random.Next(places.Length)],
            Occupation = jobs[random.Next(jobs.Length)],
            BigFive = new BigFiveTraits(random.NextDouble(), random.NextDouble(), random.NextDouble(), random.NextDouble(), random.NextDouble()),
        }).ToList();
    }
}
