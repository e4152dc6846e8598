using MarketResearch.Domain.Jobs;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MarketResearch.Domain.Persistence.Migrations
{
    /// <summary>
    /// Wakes the workers from the insert itself: one NOTIFY per statement that adds jobs, delivered when its transaction
    /// commits. Enqueuing is then the save alone, one round trip for a lone job instead of BEGIN, INSERT, NOTIFY, COMMIT.
    /// </summary>
    public partial class JobQueuedWakeUp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""
                CREATE FUNCTION notify_jobs_queued() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('{JobChannels.Queued}', '');
                    RETURN NULL;
                END $$;

                CREATE TRIGGER jobs_queued AFTER INSERT ON jobs FOR EACH STATEMENT EXECUTE FUNCTION notify_jobs_queued();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER jobs_queued ON jobs;
                DROP FUNCTION notify_jobs_queued();
                """);
        }
    }
}
