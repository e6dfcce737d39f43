using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sori.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MailboxTlsOAuth2AndTemplates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Imap_OAuth2Token",
                table: "Mailboxes");

            migrationBuilder.DropColumn(
                name: "Smtp_OAuth2Token",
                table: "Mailboxes");

            migrationBuilder.AddColumn<string>(
                name: "Signature",
                table: "MessageEnvelopes",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AcknowledgementEn",
                table: "Mailboxes",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AcknowledgementKo",
                table: "Mailboxes",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Imap_Auth",
                table: "Mailboxes",
                type: "TEXT",
                maxLength: 32,
                nullable: true,
                defaultValue: "Password");

            migrationBuilder.AddColumn<string>(
                name: "Imap_ProcessedFolder",
                table: "Mailboxes",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Imap_SpamFolder",
                table: "Mailboxes",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Imap_TrustedFingerprint",
                table: "Mailboxes",
                type: "TEXT",
                maxLength: 95,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SignatureEn",
                table: "Mailboxes",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SignatureKo",
                table: "Mailboxes",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Smtp_Auth",
                table: "Mailboxes",
                type: "TEXT",
                maxLength: 32,
                nullable: true,
                defaultValue: "Password");

            migrationBuilder.AddColumn<string>(
                name: "Smtp_ProcessedFolder",
                table: "Mailboxes",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Smtp_SpamFolder",
                table: "Mailboxes",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Smtp_TrustedFingerprint",
                table: "Mailboxes",
                type: "TEXT",
                maxLength: 95,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "MailboxOAuth2",
                columns: table => new
                {
                    MailboxId = table.Column<long>(type: "INTEGER", nullable: false),
                    TokenUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ClientId = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ClientSecret = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    RefreshToken = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    AccessToken = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    AccessTokenExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Mechanism = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    RefreshedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    LastErrorAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MailboxOAuth2", x => x.MailboxId);
                    table.ForeignKey(
                        name: "FK_MailboxOAuth2_Mailboxes_MailboxId",
                        column: x => x.MailboxId,
                        principalTable: "Mailboxes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MailboxOAuth2");

            migrationBuilder.DropColumn(
                name: "Signature",
                table: "MessageEnvelopes");

            migrationBuilder.DropColumn(
                name: "AcknowledgementEn",
                table: "Mailboxes");

            migrationBuilder.DropColumn(
                name: "AcknowledgementKo",
                table: "Mailboxes");

            migrationBuilder.DropColumn(
                name: "Imap_Auth",
                table: "Mailboxes");

            migrationBuilder.DropColumn(
                name: "Imap_ProcessedFolder",
                table: "Mailboxes");

            migrationBuilder.DropColumn(
                name: "Imap_SpamFolder",
                table: "Mailboxes");

            migrationBuilder.DropColumn(
                name: "Imap_TrustedFingerprint",
                table: "Mailboxes");

            migrationBuilder.DropColumn(
                name: "SignatureEn",
                table: "Mailboxes");

            migrationBuilder.DropColumn(
                name: "SignatureKo",
                table: "Mailboxes");

            migrationBuilder.DropColumn(
                name: "Smtp_Auth",
                table: "Mailboxes");

            migrationBuilder.DropColumn(
                name: "Smtp_ProcessedFolder",
                table: "Mailboxes");

            migrationBuilder.DropColumn(
                name: "Smtp_SpamFolder",
                table: "Mailboxes");

            migrationBuilder.DropColumn(
                name: "Smtp_TrustedFingerprint",
                table: "Mailboxes");

            migrationBuilder.AddColumn<string>(
                name: "Imap_OAuth2Token",
                table: "Mailboxes",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Smtp_OAuth2Token",
                table: "Mailboxes",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);
        }
    }
}
