using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MarketResearch.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DiscussionGraph : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "graph_edges",
                columns: table => new
                {
                    focus_group_id = table.Column<Guid>(type: "uuid", nullable: false),
                    source = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    target = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    weight = table.Column<double>(type: "double precision", nullable: false),
                    sentiment = table.Column<double>(type: "double precision", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_graph_edges", x => new { x.focus_group_id, x.source, x.target, x.kind });
                });

            migrationBuilder.CreateTable(
                name: "graph_nodes",
                columns: table => new
                {
                    focus_group_id = table.Column<Guid>(type: "uuid", nullable: false),
                    node_id = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    label = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    size = table.Column<double>(type: "double precision", nullable: false),
                    sentiment = table.Column<double>(type: "double precision", nullable: true),
                    properties = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_graph_nodes", x => new { x.focus_group_id, x.node_id });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "graph_edges");

            migrationBuilder.DropTable(
                name: "graph_nodes");
        }
    }
}
