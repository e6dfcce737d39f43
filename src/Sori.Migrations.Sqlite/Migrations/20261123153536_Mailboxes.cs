using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sori.Migrations.Sqlite.Migrations
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    FromName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DefaultTeamId = table.Column<long>(type: "INTEGER", nullable: true),
                    DefaultLanguage = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    Imap_Host = table.Column<string>(type: "TEXT", maxLength: 253, nullable: true),
                    Imap_Port = table.Column<int>(type: "INTEGER", nullable: true),
                    Imap_Tls = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Imap_Username = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    Imap_Password = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Imap_OAuth2Token = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Imap_Folder = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Smtp_Host = table.Column<string>(type: "TEXT", maxLength: 253, nullable: true),
                    Smtp_Port = table.Column<int>(type: "INTEGER", nullable: true),
                    Smtp_Tls = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Smtp_Username = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    Smtp_Password = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Smtp_OAuth2Token = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Smtp_Folder = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
