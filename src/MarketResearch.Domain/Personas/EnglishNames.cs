namespace MarketResearch.Domain.Personas;

/// <summary>Common given names and surnames across the US and UK, spanning generations and backgrounds.</summary>
internal static class EnglishNames
{
    public static readonly string[] Female =
    [
        "Emily", "Sarah", "Jessica", "Emma", "Olivia", "Hannah", "Laura", "Rachel", "Megan", "Lauren",
        "Chloe", "Sophie", "Grace", "Amy", "Rebecca", "Katherine", "Elizabeth", "Mary", "Patricia", "Linda",
        "Barbara", "Susan", "Karen", "Nancy", "Lisa", "Margaret", "Sandra", "Ashley", "Michelle", "Amanda",
        "Melissa", "Stephanie", "Nicole", "Heather", "Angela", "Helen", "Julie", "Claire", "Zoe", "Maya",
        "Priya", "Aisha", "Mei", "Sofia", "Isabella", "Ava", "Mia", "Charlotte", "Lucy", "Ruth",
    ];

    public static readonly string[] Male =
    [
        "James", "John", "Robert", "Michael", "William", "David", "Richard", "Joseph", "Thomas", "Charles",
        "Christopher", "Daniel", "Matthew", "Anthony", "Mark", "Steven", "Paul", "Andrew", "Joshua", "Kevin",
        "Brian", "George", "Edward", "Ryan", "Jacob", "Nicholas", "Tyler", "Ethan", "Noah", "Liam",
        "Oliver", "Harry", "Jack", "Samuel", "Benjamin", "Luke", "Adam", "Peter", "Simon", "Gareth",
        "Raj", "Omar", "Wei", "Carlos", "Marcus", "Jamal", "Connor", "Owen", "Lucas", "Henry",
    ];

    public static readonly string[] Surnames =
    [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
        "Hernandez", "Lopez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee",
        "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "King",
        "Wright", "Scott", "Hill", "Green", "Adams", "Baker", "Nelson", "Carter", "Mitchell", "Roberts",
        "Evans", "Turner", "Phillips", "Campbell", "Parker", "Edwards", "Collins", "Stewart", "Morris", "Murphy",
        "Cook", "Rogers", "Morgan", "Cooper", "Patel", "Khan", "Nguyen", "Kim", "Chen", "Singh",
        "Hughes", "Wood", "Hall", "Ward", "Price", "Bennett", "Gray", "Bailey", "O'Brien", "Kelly",
    ];
}
