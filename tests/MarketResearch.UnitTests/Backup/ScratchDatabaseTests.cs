using System.Text;
using MarketResearch.Backup.Catalog;
using MarketResearch.Backup.Postgres;

namespace MarketResearch.UnitTests.Backup;

public sealed class ScratchDatabaseTests
{
    private static readonly BackupId Id = BackupId.At(new DateTimeOffset(2026, 11, 28, 2, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Scratch_names_say_what_they_are_for()
    {
        Assert.Equal("marketresearch_verify_20261128t020000z", ScratchDatabase.ForVerify("marketresearch", Id));
        Assert.Equal("marketresearch_restoring", ScratchDatabase.ForRestore("marketresearch"));
    }

    [Fact]
    public void Long_names_are_shortened_to_what_postgres_keeps_and_keep_their_suffix()
    {
        var name = ScratchDatabase.ForVerify(new string('ż', 60), Id);

        Assert.True(Encoding.UTF8.GetByteCount(name) <= 63, name);
        Assert.EndsWith("_verify_20261128t020000z", name, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("with \"quotes\"", "\"with \"\"quotes\"\"\"")]
    public void Identifiers_are_quoted_and_their_quotes_doubled(string name, string quoted)
    {
        Assert.Equal(quoted, SqlText.Identifier(name));
        Assert.Equal("'it''s'", SqlText.Literal("it's"));
    }
}
