using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DataHub.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ProgrammeCycles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "programme_cycle_versions",
                columns: table => new
                {
                    row_id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    cycle_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    valid_from = table.Column<DateTime>(type: "TEXT", nullable: false),
                    valid_to = table.Column<DateTime>(type: "TEXT", nullable: true),
                    owner_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    scope = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    description = table.Column<string>(type: "TEXT", nullable: true),
                    milestones_json = table.Column<string>(type: "TEXT", nullable: false),
                    baseline_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    changed_by = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_programme_cycle_versions", x => x.row_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_programme_cycle_versions_cycle_id_version",
                table: "programme_cycle_versions",
                columns: new[] { "cycle_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_programme_cycle_versions_owner_code_code",
                table: "programme_cycle_versions",
                columns: new[] { "owner_code", "code" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "programme_cycle_versions");
        }
    }
}
