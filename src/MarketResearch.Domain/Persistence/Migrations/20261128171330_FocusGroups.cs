using System;
using System.Collections.Generic;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MarketResearch.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class FocusGroups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "focus_groups",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    persona_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    questions = table.Column<string>(type: "jsonb", nullable: false),
                    moderator_follow_ups = table.Column<bool>(type: "boolean", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    last_job_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_by = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_focus_groups", x => x.id);
                    table.ForeignKey(
                        name: "fk_focus_groups_jobs_last_job_id",
                        column: x => x.last_job_id,
                        principalTable: "jobs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_focus_groups_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "focus_group_insights",
                columns: table => new
                {
                    job_id = table.Column<Guid>(type: "uuid", nullable: false),
                    focus_group_id = table.Column<Guid>(type: "uuid", nullable: false),
                    insights = table.Column<JsonDocument>(type: "jsonb", nullable: false),
                    statistics = table.Column<JsonDocument>(type: "jsonb", nullable: false),
                    generated_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    prompt_version = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_focus_group_insights", x => x.job_id);
                    table.ForeignKey(
                        name: "fk_focus_group_insights_focus_groups_focus_group_id",
                        column: x => x.focus_group_id,
                        principalTable: "focus_groups",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_focus_group_insights_jobs_job_id",
                        column: x => x.job_id,
                        principalTable: "jobs",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "focus_group_turns",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    focus_group_id = table.Column<Guid>(type: "uuid", nullable: false),
                    job_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    question_index = table.Column<int>(type: "integer", nullable: false),
                    round = table.Column<int>(type: "integer", nullable: false),
                    speaker_persona_id = table.Column<Guid>(type: "uuid", nullable: true),
                    speaker_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    text = table.Column<string>(type: "text", nullable: false),
                    sentiment = table.Column<double>(type: "double precision", nullable: true),
                    model_sentiment = table.Column<double>(type: "double precision", nullable: true),
                    lexicon_sentiment = table.Column<double>(type: "double precision", nullable: true),
                    agrees_with = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    disagrees_with = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    embedding = table.Column<float[]>(type: "real[]", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_focus_group_turns", x => x.id);
                    table.ForeignKey(
                        name: "fk_focus_group_turns_focus_groups_focus_group_id",
                        column: x => x.focus_group_id,
                        principalTable: "focus_groups",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_focus_group_turns_jobs_job_id",
                        column: x => x.job_id,
                        principalTable: "jobs",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "fk_focus_group_turns_personas_speaker_persona_id",
                        column: x => x.speaker_persona_id,
                        principalTable: "personas",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_focus_group_insights_focus_group_id",
                table: "focus_group_insights",
                column: "focus_group_id");

            migrationBuilder.CreateIndex(
                name: "ix_focus_group_turns_focus_group_id_job_id_question_index",
                table: "focus_group_turns",
                columns: new[] { "focus_group_id", "job_id", "question_index" });

            migrationBuilder.CreateIndex(
                name: "ix_focus_group_turns_job_id_sequence",
                table: "focus_group_turns",
                columns: new[] { "job_id", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_focus_group_turns_speaker_persona_id",
                table: "focus_group_turns",
                column: "speaker_persona_id");

            migrationBuilder.CreateIndex(
                name: "ix_focus_groups_last_job_id",
                table: "focus_groups",
                column: "last_job_id");

            migrationBuilder.CreateIndex(
                name: "ix_focus_groups_project_id_created_at_id",
                table: "focus_groups",
                columns: new[] { "project_id", "created_at", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "focus_group_insights");

            migrationBuilder.DropTable(
                name: "focus_group_turns");

            migrationBuilder.DropTable(
                name: "focus_groups");
        }
    }
}
