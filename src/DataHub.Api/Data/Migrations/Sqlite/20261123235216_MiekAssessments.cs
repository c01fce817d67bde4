using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DataHub.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MiekAssessments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "miek_assessment_versions",
                columns: table => new
                {
                    row_id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    assessment_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    project_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    valid_from = table.Column<DateTime>(type: "TEXT", nullable: false),
                    valid_to = table.Column<DateTime>(type: "TEXT", nullable: true),
                    owner_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    criterion = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    value = table.Column<string>(type: "TEXT", nullable: false),
                    rationale = table.Column<string>(type: "TEXT", nullable: false),
                    author_organisation = table.Column<string>(type: "TEXT", nullable: false),
                    changed_by = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_miek_assessment_versions", x => x.row_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_miek_assessment_versions_assessment_id_version",
                table: "miek_assessment_versions",
                columns: new[] { "assessment_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_miek_assessment_versions_project_id_kind_criterion_version",
                table: "miek_assessment_versions",
                columns: new[] { "project_id", "kind", "criterion", "version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "miek_assessment_versions");
        }
    }
}
