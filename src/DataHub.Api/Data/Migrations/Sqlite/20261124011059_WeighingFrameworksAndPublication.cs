using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DataHub.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WeighingFrameworksAndPublication : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "published_at",
                table: "programme_cycle_versions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "weighing_framework_versions",
                columns: table => new
                {
                    row_id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    framework_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    valid_from = table.Column<DateTime>(type: "TEXT", nullable: false),
                    valid_to = table.Column<DateTime>(type: "TEXT", nullable: true),
                    owner_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    criteria_json = table.Column<string>(type: "TEXT", nullable: false),
                    changed_by = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_weighing_framework_versions", x => x.row_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_weighing_framework_versions_framework_id_version",
                table: "weighing_framework_versions",
                columns: new[] { "framework_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_weighing_framework_versions_owner_code",
                table: "weighing_framework_versions",
                column: "owner_code",
                unique: true,
                filter: "valid_to IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "weighing_framework_versions");

            migrationBuilder.DropColumn(
                name: "published_at",
                table: "programme_cycle_versions");
        }
    }
}
