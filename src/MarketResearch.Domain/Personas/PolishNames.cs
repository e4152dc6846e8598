namespace MarketResearch.Domain.Personas;

/// <summary>
/// Common Polish given names and surnames. Female given names all end in -a and male ones never do, as Polish
/// grammar expects. Surnames are stored in the masculine form; adjectival ones (-ski, -cki, -dzki) inflect.
/// </summary>
internal static class PolishNames
{
    public static readonly string[] Female =
    [
        "Anna", "Maria", "Katarzyna", "Małgorzata", "Agnieszka", "Barbara", "Ewa", "Krystyna", "Elżbieta", "Magdalena",
        "Joanna", "Zofia", "Aleksandra", "Monika", "Teresa", "Danuta", "Natalia", "Karolina", "Marta", "Beata",
        "Dorota", "Halina", "Jadwiga", "Janina", "Alicja", "Julia", "Zuzanna", "Maja", "Hanna", "Lena",
        "Oliwia", "Wiktoria", "Justyna", "Paulina", "Agata", "Iwona", "Renata", "Urszula", "Weronika", "Emilia",
    ];

    public static readonly string[] Male =
    [
        "Piotr", "Krzysztof", "Andrzej", "Tomasz", "Jan", "Paweł", "Michał", "Marcin", "Stanisław", "Jakub",
        "Adam", "Marek", "Łukasz", "Grzegorz", "Mateusz", "Wojciech", "Mariusz", "Dariusz", "Zbigniew", "Jerzy",
        "Maciej", "Rafał", "Kamil", "Robert", "Józef", "Kacper", "Szymon", "Filip", "Antoni", "Franciszek",
        "Bartosz", "Dawid", "Sebastian", "Przemysław", "Artur", "Henryk", "Ryszard", "Tadeusz", "Wiktor", "Igor",
    ];

    public static readonly string[] Surnames =
    [
        "Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski", "Zieliński", "Szymański", "Woźniak",
        "Dąbrowski", "Kozłowski", "Jankowski", "Mazur", "Kwiatkowski", "Krawczyk", "Piotrowski", "Grabowski", "Nowakowski", "Pawłowski",
        "Michalski", "Nowicki", "Adamczyk", "Dudek", "Zając", "Wieczorek", "Jabłoński", "Król", "Majewski", "Olszewski",
        "Jaworski", "Wróbel", "Malinowski", "Pawlak", "Witkowski", "Walczak", "Stępień", "Górski", "Rutkowski", "Michalak",
        "Sikora", "Ostrowski", "Baran", "Duda", "Szewczyk", "Tomaszewski", "Pietrzak", "Marciniak", "Wróblewski", "Zalewski",
        "Jakubowski", "Jasiński", "Zawadzki", "Sadowski", "Bąk", "Chmielewski", "Włodarczyk", "Borkowski", "Czarnecki", "Sawicki",
        "Sokołowski", "Urbański", "Kubiak", "Maciejewski", "Szczepański", "Kucharski", "Wilk", "Kalinowski", "Lis", "Mazurek",
        "Wysocki", "Adamski", "Kaźmierczak", "Wasilewski", "Sobczak", "Czerwiński", "Andrzejewski", "Cieślak", "Głowacki", "Zakrzewski",
    ];

    /// <summary>The surname as a woman bears it: Kowalski → Kowalska, Nowicki → Nowicka, Zawadzki → Zawadzka; Nowak stays Nowak.</summary>
    public static string Feminine(string surname) =>
        surname.EndsWith("ki", StringComparison.Ordinal) ? string.Concat(surname.AsSpan(0, surname.Length - 1), "a") : surname;
}
