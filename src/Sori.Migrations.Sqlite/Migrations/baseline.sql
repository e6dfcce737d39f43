-- Sori migration baseline, up to 20261207231838_OutboxPendingIndex
CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

CREATE TABLE "ApiTokens" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ApiTokens" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "Prefix" TEXT NOT NULL,
    "SecretHash" TEXT NOT NULL,
    "Scopes" TEXT NOT NULL,
    "CreatedByAgentId" INTEGER NULL,
    "CreatedAt" TEXT NOT NULL,
    "LastUsedAt" TEXT NULL,
    "ExpiresAt" TEXT NULL,
    "RevokedAt" TEXT NULL
);

CREATE TABLE "AspNetUsers" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY AUTOINCREMENT,
    "DisplayName" TEXT NOT NULL,
    "Language" TEXT NOT NULL,
    "TimeZone" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "IsActive" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" TEXT NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL
);

CREATE TABLE "AuditEntries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AuditEntries" PRIMARY KEY AUTOINCREMENT,
    "At" TEXT NOT NULL,
    "ActorKind" TEXT NOT NULL,
    "ActorId" INTEGER NULL,
    "ActorName" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "EntityType" TEXT NOT NULL,
    "EntityId" INTEGER NULL,
    "CustomerId" INTEGER NULL,
    "IpAddress" TEXT NULL,
    "Details" TEXT NULL
);

CREATE TABLE "Counters" (
    "Name" TEXT NOT NULL CONSTRAINT "PK_Counters" PRIMARY KEY,
    "Value" INTEGER NOT NULL
);

CREATE TABLE "CustomFields" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CustomFields" PRIMARY KEY AUTOINCREMENT,
    "Key" TEXT NOT NULL,
    "Entity" TEXT NOT NULL,
    "NameKo" TEXT NOT NULL,
    "NameEn" TEXT NOT NULL,
    "Type" TEXT NOT NULL,
    "Options" TEXT NOT NULL,
    "Required" INTEGER NOT NULL,
    "IsActive" INTEGER NOT NULL,
    "Position" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL
);

CREATE TABLE "IdempotencyRecords" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_IdempotencyRecords" PRIMARY KEY AUTOINCREMENT,
    "Principal" TEXT NOT NULL,
    "Key" TEXT NOT NULL,
    "RequestHash" TEXT NOT NULL,
    "StatusCode" INTEGER NOT NULL,
    "ResponseBody" TEXT NULL,
    "Location" TEXT NULL,
    "CreatedAt" TEXT NOT NULL
);

CREATE TABLE "Organizations" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Organizations" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "Domains" TEXT NOT NULL,
    "Notes" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL
);

CREATE TABLE "OutboxMessages" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_OutboxMessages" PRIMARY KEY AUTOINCREMENT,
    "Type" TEXT NOT NULL,
    "Payload" TEXT NOT NULL,
    "EventId" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "AvailableAt" TEXT NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "ProcessedAt" TEXT NULL,
    "LastError" TEXT NULL,
    "LockedBy" TEXT NULL,
    "LockedUntil" TEXT NULL
);

CREATE TABLE "Teams" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Teams" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "Description" TEXT NULL,
    "CreatedAt" TEXT NOT NULL
);

CREATE TABLE "WebhookSubscriptions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_WebhookSubscriptions" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "Url" TEXT NOT NULL,
    "Secret" TEXT NOT NULL,
    "Events" TEXT NOT NULL,
    "IsActive" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL
);

CREATE TABLE "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" INTEGER NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" INTEGER NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserTokens" (
    "UserId" INTEGER NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Customers" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Customers" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "Language" TEXT NOT NULL,
    "TimeZone" TEXT NOT NULL,
    "Notes" TEXT NULL,
    "OrganizationId" INTEGER NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "MergedIntoId" INTEGER NULL,
    "Tags" TEXT NOT NULL,
    "CustomFields" text NOT NULL,
    CONSTRAINT "FK_Customers_Customers_MergedIntoId" FOREIGN KEY ("MergedIntoId") REFERENCES "Customers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Customers_Organizations_OrganizationId" FOREIGN KEY ("OrganizationId") REFERENCES "Organizations" ("Id") ON DELETE SET NULL
);

CREATE TABLE "TeamMembers" (
    "TeamId" INTEGER NOT NULL,
    "AgentId" INTEGER NOT NULL,
    CONSTRAINT "PK_TeamMembers" PRIMARY KEY ("TeamId", "AgentId"),
    CONSTRAINT "FK_TeamMembers_AspNetUsers_AgentId" FOREIGN KEY ("AgentId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_TeamMembers_Teams_TeamId" FOREIGN KEY ("TeamId") REFERENCES "Teams" ("Id") ON DELETE CASCADE
);

CREATE TABLE "WebhookDeliveries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_WebhookDeliveries" PRIMARY KEY AUTOINCREMENT,
    "SubscriptionId" INTEGER NOT NULL,
    "EventId" TEXT NOT NULL,
    "EventType" TEXT NOT NULL,
    "Payload" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "ResponseStatus" INTEGER NULL,
    "LastError" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "NextAttemptAt" TEXT NOT NULL,
    "DeliveredAt" TEXT NULL,
    "LockedBy" TEXT NULL,
    "LockedUntil" TEXT NULL,
    CONSTRAINT "FK_WebhookDeliveries_WebhookSubscriptions_SubscriptionId" FOREIGN KEY ("SubscriptionId") REFERENCES "WebhookSubscriptions" ("Id") ON DELETE CASCADE
);

CREATE TABLE "CustomerEmails" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CustomerEmails" PRIMARY KEY AUTOINCREMENT,
    "CustomerId" INTEGER NOT NULL,
    "Address" TEXT NOT NULL,
    CONSTRAINT "FK_CustomerEmails_Customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES "Customers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "CustomerPhones" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CustomerPhones" PRIMARY KEY AUTOINCREMENT,
    "CustomerId" INTEGER NOT NULL,
    "Number" TEXT NOT NULL,
    CONSTRAINT "FK_CustomerPhones_Customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES "Customers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Tickets" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Tickets" PRIMARY KEY AUTOINCREMENT,
    "Number" INTEGER NOT NULL,
    "Subject" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Priority" TEXT NOT NULL,
    "Channel" TEXT NOT NULL,
    "Type" TEXT NOT NULL,
    "RequesterId" INTEGER NOT NULL,
    "AssigneeId" INTEGER NULL,
    "TeamId" INTEGER NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "FirstResponseAt" TEXT NULL,
    "SolvedAt" TEXT NULL,
    "ClosedAt" TEXT NULL,
    "MergedIntoId" INTEGER NULL,
    "Version" INTEGER NOT NULL,
    "CustomFields" text NOT NULL,
    CONSTRAINT "FK_Tickets_AspNetUsers_AssigneeId" FOREIGN KEY ("AssigneeId") REFERENCES "AspNetUsers" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_Tickets_Customers_RequesterId" FOREIGN KEY ("RequesterId") REFERENCES "Customers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Tickets_Teams_TeamId" FOREIGN KEY ("TeamId") REFERENCES "Teams" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_Tickets_Tickets_MergedIntoId" FOREIGN KEY ("MergedIntoId") REFERENCES "Tickets" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Messages" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Messages" PRIMARY KEY AUTOINCREMENT,
    "TicketId" INTEGER NOT NULL,
    "Visibility" TEXT NOT NULL,
    "AuthorKind" TEXT NOT NULL,
    "AuthorAgentId" INTEGER NULL,
    "AuthorCustomerId" INTEGER NULL,
    "AuthorName" TEXT NOT NULL,
    "BodyText" TEXT NOT NULL,
    "BodyHtml" TEXT NULL,
    "Channel" TEXT NOT NULL,
    "ExternalId" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_Messages_AspNetUsers_AuthorAgentId" FOREIGN KEY ("AuthorAgentId") REFERENCES "AspNetUsers" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_Messages_Customers_AuthorCustomerId" FOREIGN KEY ("AuthorCustomerId") REFERENCES "Customers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Messages_Tickets_TicketId" FOREIGN KEY ("TicketId") REFERENCES "Tickets" ("Id") ON DELETE CASCADE
);

CREATE TABLE "TicketEvents" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_TicketEvents" PRIMARY KEY AUTOINCREMENT,
    "TicketId" INTEGER NOT NULL,
    "At" TEXT NOT NULL,
    "ActorKind" TEXT NOT NULL,
    "ActorId" INTEGER NULL,
    "ActorName" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Field" TEXT NULL,
    "OldValue" TEXT NULL,
    "NewValue" TEXT NULL,
    CONSTRAINT "FK_TicketEvents_Tickets_TicketId" FOREIGN KEY ("TicketId") REFERENCES "Tickets" ("Id") ON DELETE CASCADE
);

CREATE TABLE "TicketFollowers" (
    "TicketId" INTEGER NOT NULL,
    "AgentId" INTEGER NOT NULL,
    CONSTRAINT "PK_TicketFollowers" PRIMARY KEY ("TicketId", "AgentId"),
    CONSTRAINT "FK_TicketFollowers_AspNetUsers_AgentId" FOREIGN KEY ("AgentId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_TicketFollowers_Tickets_TicketId" FOREIGN KEY ("TicketId") REFERENCES "Tickets" ("Id") ON DELETE CASCADE
);

CREATE TABLE "TicketTags" (
    "TicketId" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    CONSTRAINT "PK_TicketTags" PRIMARY KEY ("TicketId", "Name"),
    CONSTRAINT "FK_TicketTags_Tickets_TicketId" FOREIGN KEY ("TicketId") REFERENCES "Tickets" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Attachments" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Attachments" PRIMARY KEY AUTOINCREMENT,
    "MessageId" INTEGER NOT NULL,
    "FileName" TEXT NOT NULL,
    "ContentType" TEXT NOT NULL,
    "Size" INTEGER NOT NULL,
    "Sha256" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_Attachments_Messages_MessageId" FOREIGN KEY ("MessageId") REFERENCES "Messages" ("Id") ON DELETE CASCADE
);

INSERT INTO "Counters" ("Name", "Value")
VALUES ('ticket_number', 0);
SELECT changes();


CREATE UNIQUE INDEX "IX_ApiTokens_Prefix" ON "ApiTokens" ("Prefix");

CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");

CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");

CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");

CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");

CREATE INDEX "IX_Attachments_MessageId" ON "Attachments" ("MessageId");

CREATE INDEX "IX_Attachments_Sha256" ON "Attachments" ("Sha256");

CREATE INDEX "IX_AuditEntries_ActorKind_ActorId_At" ON "AuditEntries" ("ActorKind", "ActorId", "At");

CREATE INDEX "IX_AuditEntries_At" ON "AuditEntries" ("At");

CREATE INDEX "IX_AuditEntries_CustomerId_At" ON "AuditEntries" ("CustomerId", "At");

CREATE INDEX "IX_AuditEntries_EntityType_EntityId_At" ON "AuditEntries" ("EntityType", "EntityId", "At");

CREATE UNIQUE INDEX "IX_CustomerEmails_Address" ON "CustomerEmails" ("Address");

CREATE INDEX "IX_CustomerEmails_CustomerId" ON "CustomerEmails" ("CustomerId");

CREATE INDEX "IX_CustomerPhones_CustomerId" ON "CustomerPhones" ("CustomerId");

CREATE INDEX "IX_CustomerPhones_Number" ON "CustomerPhones" ("Number");

CREATE INDEX "IX_Customers_MergedIntoId" ON "Customers" ("MergedIntoId");

CREATE INDEX "IX_Customers_Name" ON "Customers" ("Name");

CREATE INDEX "IX_Customers_OrganizationId" ON "Customers" ("OrganizationId");

CREATE UNIQUE INDEX "IX_CustomFields_Entity_Key" ON "CustomFields" ("Entity", "Key");

CREATE INDEX "IX_IdempotencyRecords_CreatedAt" ON "IdempotencyRecords" ("CreatedAt");

CREATE UNIQUE INDEX "IX_IdempotencyRecords_Principal_Key" ON "IdempotencyRecords" ("Principal", "Key");

CREATE INDEX "IX_Messages_AuthorAgentId" ON "Messages" ("AuthorAgentId");

CREATE INDEX "IX_Messages_AuthorCustomerId" ON "Messages" ("AuthorCustomerId");

CREATE UNIQUE INDEX "IX_Messages_Channel_ExternalId" ON "Messages" ("Channel", "ExternalId") WHERE "ExternalId" IS NOT NULL;

CREATE INDEX "IX_Messages_TicketId_Id" ON "Messages" ("TicketId", "Id");

CREATE UNIQUE INDEX "IX_Organizations_Name" ON "Organizations" ("Name");

CREATE UNIQUE INDEX "IX_OutboxMessages_EventId" ON "OutboxMessages" ("EventId");

CREATE INDEX "IX_OutboxMessages_ProcessedAt_AvailableAt" ON "OutboxMessages" ("ProcessedAt", "AvailableAt");

CREATE INDEX "IX_TeamMembers_AgentId" ON "TeamMembers" ("AgentId");

CREATE UNIQUE INDEX "IX_Teams_Name" ON "Teams" ("Name");

CREATE INDEX "IX_TicketEvents_TicketId_Id" ON "TicketEvents" ("TicketId", "Id");

CREATE INDEX "IX_TicketFollowers_AgentId" ON "TicketFollowers" ("AgentId");

CREATE INDEX "IX_Tickets_AssigneeId_Status_Id" ON "Tickets" ("AssigneeId", "Status", "Id");

CREATE INDEX "IX_Tickets_Channel_Id" ON "Tickets" ("Channel", "Id");

CREATE INDEX "IX_Tickets_MergedIntoId" ON "Tickets" ("MergedIntoId");

CREATE UNIQUE INDEX "IX_Tickets_Number" ON "Tickets" ("Number");

CREATE INDEX "IX_Tickets_Priority_Id" ON "Tickets" ("Priority", "Id");

CREATE INDEX "IX_Tickets_RequesterId_Id" ON "Tickets" ("RequesterId", "Id");

CREATE INDEX "IX_Tickets_Status_Id" ON "Tickets" ("Status", "Id");

CREATE INDEX "IX_Tickets_TeamId_Status_Id" ON "Tickets" ("TeamId", "Status", "Id");

CREATE INDEX "IX_Tickets_UpdatedAt_Id" ON "Tickets" ("UpdatedAt", "Id");

CREATE INDEX "IX_TicketTags_Name_TicketId" ON "TicketTags" ("Name", "TicketId");

CREATE INDEX "IX_WebhookDeliveries_Status_NextAttemptAt" ON "WebhookDeliveries" ("Status", "NextAttemptAt");

CREATE UNIQUE INDEX "IX_WebhookDeliveries_SubscriptionId_EventId" ON "WebhookDeliveries" ("SubscriptionId", "EventId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123131316_Initial', '10.0.5');

DROP INDEX "IX_Attachments_MessageId";

ALTER TABLE "Attachments" ADD "UploadedById" INTEGER NULL;

ALTER TABLE "Attachments" ADD "UploadedByKind" TEXT NOT NULL DEFAULT '';

CREATE INDEX "IX_Attachments_MessageId_CreatedAt" ON "Attachments" ("MessageId", "CreatedAt");

CREATE TABLE "ef_temp_Attachments" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Attachments" PRIMARY KEY AUTOINCREMENT,
    "ContentType" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "FileName" TEXT NOT NULL,
    "MessageId" INTEGER NULL,
    "Sha256" TEXT NOT NULL,
    "Size" INTEGER NOT NULL,
    "UploadedById" INTEGER NULL,
    "UploadedByKind" TEXT NOT NULL,
    CONSTRAINT "FK_Attachments_Messages_MessageId" FOREIGN KEY ("MessageId") REFERENCES "Messages" ("Id") ON DELETE CASCADE
);

INSERT INTO "ef_temp_Attachments" ("Id", "ContentType", "CreatedAt", "FileName", "MessageId", "Sha256", "Size", "UploadedById", "UploadedByKind")
SELECT "Id", "ContentType", "CreatedAt", "FileName", "MessageId", "Sha256", "Size", "UploadedById", "UploadedByKind"
FROM "Attachments";

PRAGMA foreign_keys = 0;

DROP TABLE "Attachments";

ALTER TABLE "ef_temp_Attachments" RENAME TO "Attachments";

PRAGMA foreign_keys = 1;

CREATE INDEX "IX_Attachments_MessageId_CreatedAt" ON "Attachments" ("MessageId", "CreatedAt");

CREATE INDEX "IX_Attachments_Sha256" ON "Attachments" ("Sha256");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123134705_Attachments', '10.0.5');

CREATE TABLE "Mailboxes" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Mailboxes" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "Address" TEXT NOT NULL,
    "FromName" TEXT NULL,
    "DefaultTeamId" INTEGER NULL,
    "DefaultLanguage" TEXT NOT NULL,
    "IsActive" INTEGER NOT NULL,
    "Imap_Host" TEXT NULL,
    "Imap_Port" INTEGER NULL,
    "Imap_Tls" TEXT NULL,
    "Imap_Username" TEXT NULL,
    "Imap_Password" TEXT NULL,
    "Imap_OAuth2Token" TEXT NULL,
    "Imap_Folder" TEXT NULL,
    "Smtp_Host" TEXT NULL,
    "Smtp_Port" INTEGER NULL,
    "Smtp_Tls" TEXT NULL,
    "Smtp_Username" TEXT NULL,
    "Smtp_Password" TEXT NULL,
    "Smtp_OAuth2Token" TEXT NULL,
    "Smtp_Folder" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_Mailboxes_Teams_DefaultTeamId" FOREIGN KEY ("DefaultTeamId") REFERENCES "Teams" ("Id") ON DELETE SET NULL
);

CREATE UNIQUE INDEX "IX_Mailboxes_Address" ON "Mailboxes" ("Address");

CREATE INDEX "IX_Mailboxes_DefaultTeamId" ON "Mailboxes" ("DefaultTeamId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123153536_Mailboxes', '10.0.5');

ALTER TABLE "Attachments" ADD "ContentId" TEXT NULL;

CREATE TABLE "MessageEnvelopes" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_MessageEnvelopes" PRIMARY KEY AUTOINCREMENT,
    "Direction" TEXT NOT NULL,
    "Channel" TEXT NOT NULL,
    "MailboxId" INTEGER NULL,
    "DedupeKey" TEXT NOT NULL,
    "ExternalId" TEXT NULL,
    "InReplyTo" TEXT NULL,
    "References" TEXT NULL,
    "FromAddress" TEXT NULL,
    "FromName" TEXT NULL,
    "To" TEXT NULL,
    "Cc" TEXT NULL,
    "ReplyTo" TEXT NULL,
    "Subject" TEXT NOT NULL,
    "SentAt" TEXT NULL,
    "ReceivedAt" TEXT NOT NULL,
    "Disposition" TEXT NOT NULL,
    "Reason" TEXT NULL,
    "SpamScore" REAL NOT NULL,
    "TicketId" INTEGER NULL,
    "MessageId" INTEGER NULL,
    "RawSha256" TEXT NULL,
    "RawSize" INTEGER NOT NULL,
    "OriginalText" TEXT NULL,
    CONSTRAINT "FK_MessageEnvelopes_Mailboxes_MailboxId" FOREIGN KEY ("MailboxId") REFERENCES "Mailboxes" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_MessageEnvelopes_Messages_MessageId" FOREIGN KEY ("MessageId") REFERENCES "Messages" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_MessageEnvelopes_Tickets_TicketId" FOREIGN KEY ("TicketId") REFERENCES "Tickets" ("Id") ON DELETE SET NULL
);

CREATE TABLE "TicketCcs" (
    "TicketId" INTEGER NOT NULL,
    "Address" TEXT NOT NULL,
    "Name" TEXT NULL,
    "AddedAt" TEXT NOT NULL,
    CONSTRAINT "PK_TicketCcs" PRIMARY KEY ("TicketId", "Address"),
    CONSTRAINT "FK_TicketCcs_Tickets_TicketId" FOREIGN KEY ("TicketId") REFERENCES "Tickets" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_MessageEnvelopes_Channel_ExternalId" ON "MessageEnvelopes" ("Channel", "ExternalId");

CREATE UNIQUE INDEX "IX_MessageEnvelopes_DedupeKey" ON "MessageEnvelopes" ("DedupeKey");

CREATE INDEX "IX_MessageEnvelopes_Disposition_Id" ON "MessageEnvelopes" ("Disposition", "Id");

CREATE INDEX "IX_MessageEnvelopes_MailboxId_Disposition_Id" ON "MessageEnvelopes" ("MailboxId", "Disposition", "Id");

CREATE INDEX "IX_MessageEnvelopes_MessageId" ON "MessageEnvelopes" ("MessageId");

CREATE INDEX "IX_MessageEnvelopes_TicketId_Id" ON "MessageEnvelopes" ("TicketId", "Id");

CREATE INDEX "IX_TicketCcs_Address" ON "TicketCcs" ("Address");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123161952_EmailInbound', '10.0.5');

ALTER TABLE "Mailboxes" ADD "ImapLastUid" INTEGER NULL;

ALTER TABLE "Mailboxes" ADD "ImapUidValidity" INTEGER NULL;

ALTER TABLE "Mailboxes" ADD "PollError" TEXT NULL;

ALTER TABLE "Mailboxes" ADD "PollErrorAt" TEXT NULL;

ALTER TABLE "Mailboxes" ADD "PollFailures" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "Mailboxes" ADD "PollLockedBy" TEXT NULL;

ALTER TABLE "Mailboxes" ADD "PollLockedUntil" TEXT NULL;

ALTER TABLE "Mailboxes" ADD "PolledAt" TEXT NULL;

CREATE TABLE "EmailDeliveries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_EmailDeliveries" PRIMARY KEY AUTOINCREMENT,
    "MessageId" INTEGER NOT NULL,
    "TicketId" INTEGER NOT NULL,
    "MailboxId" INTEGER NULL,
    "EnvelopeId" INTEGER NOT NULL,
    "Status" TEXT NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "LastError" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "NextAttemptAt" TEXT NOT NULL,
    "SentAt" TEXT NULL,
    "LockedBy" TEXT NULL,
    "LockedUntil" TEXT NULL,
    CONSTRAINT "FK_EmailDeliveries_Mailboxes_MailboxId" FOREIGN KEY ("MailboxId") REFERENCES "Mailboxes" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_EmailDeliveries_MessageEnvelopes_EnvelopeId" FOREIGN KEY ("EnvelopeId") REFERENCES "MessageEnvelopes" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_EmailDeliveries_Messages_MessageId" FOREIGN KEY ("MessageId") REFERENCES "Messages" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_EmailDeliveries_Tickets_TicketId" FOREIGN KEY ("TicketId") REFERENCES "Tickets" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_EmailDeliveries_EnvelopeId" ON "EmailDeliveries" ("EnvelopeId");

CREATE INDEX "IX_EmailDeliveries_MailboxId" ON "EmailDeliveries" ("MailboxId");

CREATE UNIQUE INDEX "IX_EmailDeliveries_MessageId" ON "EmailDeliveries" ("MessageId");

CREATE INDEX "IX_EmailDeliveries_Status_NextAttemptAt" ON "EmailDeliveries" ("Status", "NextAttemptAt");

CREATE INDEX "IX_EmailDeliveries_TicketId" ON "EmailDeliveries" ("TicketId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123171231_EmailPollingAndReplies', '10.0.5');

ALTER TABLE "Mailboxes" ADD "AutoAcknowledge" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "EmailDeliveries" ADD "Automatic" INTEGER NOT NULL DEFAULT 0;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123173121_MailboxAutoAcknowledge', '10.0.5');

CREATE TABLE "DeskSettings" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DeskSettings" PRIMARY KEY,
    "DeskName" TEXT NOT NULL,
    "DefaultLanguage" TEXT NOT NULL,
    "TimeZone" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "UpdatedByAgentId" INTEGER NULL
);

CREATE TABLE "TagDefinitions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_TagDefinitions" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "Description" TEXT NULL,
    "CreatedAt" TEXT NOT NULL
);

CREATE UNIQUE INDEX "IX_TagDefinitions_Name" ON "TagDefinitions" ("Name");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123183818_DeskSettingsAndTags', '10.0.5');

ALTER TABLE "MessageEnvelopes" ADD "Signature" TEXT NULL;

ALTER TABLE "Mailboxes" ADD "AcknowledgementEn" TEXT NULL;

ALTER TABLE "Mailboxes" ADD "AcknowledgementKo" TEXT NULL;

ALTER TABLE "Mailboxes" ADD "Imap_Auth" TEXT NULL DEFAULT 'Password';

ALTER TABLE "Mailboxes" ADD "Imap_ProcessedFolder" TEXT NULL;

ALTER TABLE "Mailboxes" ADD "Imap_SpamFolder" TEXT NULL;

ALTER TABLE "Mailboxes" ADD "Imap_TrustedFingerprint" TEXT NULL;

ALTER TABLE "Mailboxes" ADD "SignatureEn" TEXT NULL;

ALTER TABLE "Mailboxes" ADD "SignatureKo" TEXT NULL;

ALTER TABLE "Mailboxes" ADD "Smtp_Auth" TEXT NULL DEFAULT 'Password';

ALTER TABLE "Mailboxes" ADD "Smtp_ProcessedFolder" TEXT NULL;

ALTER TABLE "Mailboxes" ADD "Smtp_SpamFolder" TEXT NULL;

ALTER TABLE "Mailboxes" ADD "Smtp_TrustedFingerprint" TEXT NULL;

CREATE TABLE "MailboxOAuth2" (
    "MailboxId" INTEGER NOT NULL CONSTRAINT "PK_MailboxOAuth2" PRIMARY KEY,
    "TokenUrl" TEXT NULL,
    "ClientId" TEXT NULL,
    "ClientSecret" TEXT NULL,
    "Scope" TEXT NULL,
    "RefreshToken" TEXT NULL,
    "AccessToken" TEXT NULL,
    "AccessTokenExpiresAt" TEXT NULL,
    "Mechanism" TEXT NOT NULL,
    "RefreshedAt" TEXT NULL,
    "LastError" TEXT NULL,
    "LastErrorAt" TEXT NULL,
    CONSTRAINT "FK_MailboxOAuth2_Mailboxes_MailboxId" FOREIGN KEY ("MailboxId") REFERENCES "Mailboxes" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ef_temp_Mailboxes" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Mailboxes" PRIMARY KEY AUTOINCREMENT,
    "AcknowledgementEn" TEXT NULL,
    "AcknowledgementKo" TEXT NULL,
    "Address" TEXT NOT NULL,
    "AutoAcknowledge" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "DefaultLanguage" TEXT NOT NULL,
    "DefaultTeamId" INTEGER NULL,
    "FromName" TEXT NULL,
    "ImapLastUid" INTEGER NULL,
    "ImapUidValidity" INTEGER NULL,
    "Imap_Auth" TEXT NULL DEFAULT 'Password',
    "Imap_Folder" TEXT NULL,
    "Imap_Host" TEXT NULL,
    "Imap_Password" TEXT NULL,
    "Imap_Port" INTEGER NULL,
    "Imap_ProcessedFolder" TEXT NULL,
    "Imap_SpamFolder" TEXT NULL,
    "Imap_Tls" TEXT NULL,
    "Imap_TrustedFingerprint" TEXT NULL,
    "Imap_Username" TEXT NULL,
    "IsActive" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "PollError" TEXT NULL,
    "PollErrorAt" TEXT NULL,
    "PollFailures" INTEGER NOT NULL,
    "PollLockedBy" TEXT NULL,
    "PollLockedUntil" TEXT NULL,
    "PolledAt" TEXT NULL,
    "SignatureEn" TEXT NULL,
    "SignatureKo" TEXT NULL,
    "Smtp_Auth" TEXT NULL DEFAULT 'Password',
    "Smtp_Folder" TEXT NULL,
    "Smtp_Host" TEXT NULL,
    "Smtp_Password" TEXT NULL,
    "Smtp_Port" INTEGER NULL,
    "Smtp_ProcessedFolder" TEXT NULL,
    "Smtp_SpamFolder" TEXT NULL,
    "Smtp_Tls" TEXT NULL,
    "Smtp_TrustedFingerprint" TEXT NULL,
    "Smtp_Username" TEXT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_Mailboxes_Teams_DefaultTeamId" FOREIGN KEY ("DefaultTeamId") REFERENCES "Teams" ("Id") ON DELETE SET NULL
);

INSERT INTO "ef_temp_Mailboxes" ("Id", "AcknowledgementEn", "AcknowledgementKo", "Address", "AutoAcknowledge", "CreatedAt", "DefaultLanguage", "DefaultTeamId", "FromName", "ImapLastUid", "ImapUidValidity", "Imap_Auth", "Imap_Folder", "Imap_Host", "Imap_Password", "Imap_Port", "Imap_ProcessedFolder", "Imap_SpamFolder", "Imap_Tls", "Imap_TrustedFingerprint", "Imap_Username", "IsActive", "Name", "PollError", "PollErrorAt", "PollFailures", "PollLockedBy", "PollLockedUntil", "PolledAt", "SignatureEn", "SignatureKo", "Smtp_Auth", "Smtp_Folder", "Smtp_Host", "Smtp_Password", "Smtp_Port", "Smtp_ProcessedFolder", "Smtp_SpamFolder", "Smtp_Tls", "Smtp_TrustedFingerprint", "Smtp_Username", "UpdatedAt")
SELECT "Id", "AcknowledgementEn", "AcknowledgementKo", "Address", "AutoAcknowledge", "CreatedAt", "DefaultLanguage", "DefaultTeamId", "FromName", "ImapLastUid", "ImapUidValidity", "Imap_Auth", "Imap_Folder", "Imap_Host", "Imap_Password", "Imap_Port", "Imap_ProcessedFolder", "Imap_SpamFolder", "Imap_Tls", "Imap_TrustedFingerprint", "Imap_Username", "IsActive", "Name", "PollError", "PollErrorAt", "PollFailures", "PollLockedBy", "PollLockedUntil", "PolledAt", "SignatureEn", "SignatureKo", "Smtp_Auth", "Smtp_Folder", "Smtp_Host", "Smtp_Password", "Smtp_Port", "Smtp_ProcessedFolder", "Smtp_SpamFolder", "Smtp_Tls", "Smtp_TrustedFingerprint", "Smtp_Username", "UpdatedAt"
FROM "Mailboxes";

PRAGMA foreign_keys = 0;

DROP TABLE "Mailboxes";

ALTER TABLE "ef_temp_Mailboxes" RENAME TO "Mailboxes";

PRAGMA foreign_keys = 1;

CREATE UNIQUE INDEX "IX_Mailboxes_Address" ON "Mailboxes" ("Address");

CREATE INDEX "IX_Mailboxes_DefaultTeamId" ON "Mailboxes" ("DefaultTeamId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123203410_MailboxTlsOAuth2AndTemplates', '10.0.5');

CREATE TABLE "Macros" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Macros" PRIMARY KEY AUTOINCREMENT,
    "Title" TEXT NOT NULL,
    "OwnerId" INTEGER NULL,
    "TeamId" INTEGER NULL,
    "Bodies" text NOT NULL,
    "Actions" text NOT NULL,
    "UsageCount" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_Macros_AspNetUsers_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Macros_Teams_TeamId" FOREIGN KEY ("TeamId") REFERENCES "Teams" ("Id") ON DELETE SET NULL
);

CREATE TABLE "SavedViews" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SavedViews" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "OwnerId" INTEGER NULL,
    "TeamId" INTEGER NULL,
    "Position" INTEGER NOT NULL,
    "Filters" text NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_SavedViews_AspNetUsers_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_SavedViews_Teams_TeamId" FOREIGN KEY ("TeamId") REFERENCES "Teams" ("Id") ON DELETE SET NULL
);

CREATE INDEX "IX_Macros_OwnerId_Title" ON "Macros" ("OwnerId", "Title");

CREATE INDEX "IX_Macros_TeamId" ON "Macros" ("TeamId");

CREATE INDEX "IX_SavedViews_OwnerId_Position" ON "SavedViews" ("OwnerId", "Position");

CREATE INDEX "IX_SavedViews_TeamId" ON "SavedViews" ("TeamId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123212852_MacrosAndSavedViews', '10.0.5');

DROP INDEX "IX_CustomerPhones_Number";

ALTER TABLE "CustomerPhones" ADD "Normalized" TEXT NOT NULL DEFAULT '';

CREATE TABLE "DataProtectionKeys" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DataProtectionKeys" PRIMARY KEY AUTOINCREMENT,
    "FriendlyName" TEXT NULL,
    "Xml" text NOT NULL
);

CREATE INDEX "IX_CustomerPhones_Normalized" ON "CustomerPhones" ("Normalized");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123220825_PhoneKeysAndDataProtectionKeys', '10.0.5');

DROP INDEX "IX_MessageEnvelopes_Channel_ExternalId";

CREATE INDEX "IX_MessageEnvelopes_ExternalId_Channel" ON "MessageEnvelopes" ("ExternalId", "Channel");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261124061146_EnvelopeIdsLeadTheirIndex', '10.0.5');

DROP INDEX "IX_OutboxMessages_ProcessedAt_AvailableAt";

CREATE INDEX "IX_OutboxMessages_Pending" ON "OutboxMessages" ("Id") WHERE "ProcessedAt" IS NULL;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261207231838_OutboxPendingIndex', '10.0.5');

