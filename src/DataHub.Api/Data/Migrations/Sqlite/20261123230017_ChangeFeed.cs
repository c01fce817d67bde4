using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DataHub.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ChangeFeed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "change_events",
                columns: table => new
                {
                    sequence = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    resource_type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    resource_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    owner_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_change_events", x => x.sequence);
                });

            migrationBuilder.CreateIndex(
                name: "ix_change_events_resource_type_resource_id",
                table: "change_events",
                columns: new[] { "resource_type", "resource_id" });

            // Records written before the feed existed get their events, in the order they were written.
            migrationBuilder.Sql("""
                INSERT INTO change_events (resource_type, resource_id, kind, version, at, owner_code)
                SELECT resource_type, resource_id, kind, version, at, owner_code FROM (
                  SELECT 'development' AS resource_type, development_id AS resource_id,
                         CASE WHEN is_retired THEN 'retired' WHEN version = 1 THEN 'created' ELSE 'updated' END AS kind,
                         version, valid_from AS at, owner_code, row_id FROM development_versions
                  UNION ALL
                  SELECT 'plan', plan_id, CASE WHEN is_retired THEN 'retired' WHEN version = 1 THEN 'created' ELSE 'updated' END,
                         version, valid_from, owner_code, row_id FROM plan_versions
                  UNION ALL
                  SELECT 'sharingAgreement', agreement_id, CASE WHEN status = 'revoked' THEN 'retired' WHEN version = 1 THEN 'created' ELSE 'updated' END,
                         version, valid_from, owner_code, row_id FROM sharing_agreement_versions
                  UNION ALL
                  SELECT 'energyArea', area_id, CASE WHEN version = 1 THEN 'created' ELSE 'updated' END, version, valid_from, operator_code, row_id FROM energy_area_versions
                  UNION ALL
                  SELECT 'station', station_id, CASE WHEN version = 1 THEN 'created' ELSE 'updated' END, version, valid_from, operator_code, row_id FROM station_versions
                ) AS existing
                ORDER BY at, resource_type, row_id
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "change_events");
        }
    }
}
