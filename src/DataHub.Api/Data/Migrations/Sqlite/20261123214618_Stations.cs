using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DataHub.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Stations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "station_versions",
                columns: table => new
                {
                    row_id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    station_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    valid_from = table.Column<DateTime>(type: "TEXT", nullable: false),
                    valid_to = table.Column<DateTime>(type: "TEXT", nullable: true),
                    operator_code = table.Column<string>(type: "TEXT", nullable: false),
                    code = table.Column<string>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    voltages_json = table.Column<string>(type: "TEXT", nullable: false),
                    energy_area_short_code = table.Column<string>(type: "TEXT", nullable: true),
                    geometry = table.Column<byte[]>(type: "BLOB", nullable: false),
                    changed_by = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_station_versions", x => x.row_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_station_versions_operator_code_code",
                table: "station_versions",
                columns: new[] { "operator_code", "code" },
                unique: true,
                filter: "valid_to IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_station_versions_station_id_version",
                table: "station_versions",
                columns: new[] { "station_id", "version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "station_versions");
        }
    }
}
