using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Sori.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Mailboxes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Mailboxes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Address = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    FromName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DefaultTeamId = table.Column<long>(type: "bigint", nullable: true),
                    DefaultLanguage = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    Imap_Host = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: true),
                    Imap_Port = table.Column<int>(type: "integer", nullable: true),
                    Imap_Tls = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Imap_Username = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    Imap_Password = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Imap_OAuth2Token = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Imap_Folder = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Smtp_Host = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: true),
                    Smtp_Port = table.Column<int>(type: "integer", nullable: true),
                    Smtp_Tls = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Smtp_Username = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    Smtp_Password = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Smtp_OAuth2Token = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Smtp_Folder = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Mailboxes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Mailboxes_Teams_DefaultTeamId",
                        column: x => x.DefaultTeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Mailboxes_Address",
                table: "Mailboxes",
                column: "Address",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Mailboxes_DefaultTeamId",
                table: "Mailboxes",
                column: "DefaultTeamId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Mailboxes");
        }
    }
}
