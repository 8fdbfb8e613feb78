import { Migration } from '@mikro-orm/migrations';

export class Migration20261121102804 extends Migration {
  override name = 'Migration20261121102804';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "code_events" ("id" uuid not null, "project_id" uuid not null, "code_id" uuid not null, "batch_id" uuid null, "type" text not null, "actor_type" text not null, "actor_id" uuid null, "actor_name" varchar(320) null, "data" jsonb null, "created_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(
      `create index "code_events_code_id_created_at_index" on "code_events" ("code_id", "created_at");`,
    );

    this.addSql(
      `create table "custom_name_counters" ("project_id" uuid not null, "prefix" varchar(32) not null, "last_value" bigint not null, primary key ("project_id", "prefix"));`,
    );

    this.addSql(
      `create table "idempotency_records" ("id" uuid not null, "project_id" uuid not null, "scope" varchar(64) not null, "key" varchar(255) not null, "request_hash" varchar(64) not null, "status_code" int not null, "response" jsonb not null, "created_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(
      `alter table "idempotency_records" add constraint "idempotency_records_project_id_scope_key_unique" unique ("project_id", "scope", "key");`,
    );

    this.addSql(
      `create table "mail_messages" ("id" uuid not null, "project_id" uuid not null, "batch_id" uuid null, "kind" varchar(64) not null, "recipient" varchar(320) not null, "subject" varchar(300) not null, "status" text not null default 'queued', "attempts" int not null default 0, "message_id" varchar(300) null, "error" text null, "created_at" timestamptz not null default now(), "sent_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(
      `create index "mail_messages_project_id_created_at_index" on "mail_messages" ("project_id", "created_at");`,
    );

    this.addSql(
      `create table "notifications" ("id" uuid not null, "user_id" uuid not null, "project_id" uuid null, "type" varchar(64) not null, "title" varchar(200) not null, "body" text null, "link" varchar(500) null, "created_at" timestamptz not null default now(), "read_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(
      `create index "notifications_user_id_created_at_index" on "notifications" ("user_id", "created_at");`,
    );

    this.addSql(
      `create table "outbox_messages" ("id" uuid not null, "queue" varchar(64) not null, "name" varchar(64) not null, "payload" jsonb not null, "created_at" timestamptz not null default now(), "dispatched_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(
      `create index "outbox_messages_pending_index" on "outbox_messages" ("created_at") where dispatched_at is null;`,
    );

    this.addSql(
      `create table "redemptions" ("id" uuid not null, "project_id" uuid not null, "code_id" uuid not null, "batch_id" uuid not null, "product_id" uuid not null, "plan_id" uuid not null, "learner_external_id" varchar(200) not null, "learner_email" varchar(320) null, "learner_name" varchar(200) null, "channel" text not null, "api_key_id" uuid null, "api_key_name" varchar(100) null, "actor_user_id" uuid null, "ip" varchar(64) null, "user_agent" varchar(500) null, "access_until" timestamptz null, "redeemed_at" timestamptz not null default now(), "revoked_at" timestamptz null, "revoked_by_id" uuid null, "revoke_reason" varchar(500) null, primary key ("id"));`,
    );
    this.addSql(
      `create index "redemptions_project_id_learner_external_id_index" on "redemptions" ("project_id", "learner_external_id");`,
    );
    this.addSql(
      `create index "redemptions_project_id_learner_email_index" on "redemptions" ("project_id", "learner_email");`,
    );
    this.addSql(
      `create index "redemptions_code_id_redeemed_at_index" on "redemptions" ("code_id", "redeemed_at");`,
    );
    this.addSql(
      `create index "redemptions_project_id_redeemed_at_id_index" on "redemptions" ("project_id", "redeemed_at", "id");`,
    );
    this.addSql(
      `create unique index "redemptions_learner_live_unique" on "redemptions" ("code_id", "learner_external_id") where "revoked_at" is null;`,
    );

    this.addSql(
      `create table "batches" ("id" uuid not null, "project_id" uuid not null, "product_id" uuid not null, "plan_id" uuid not null, "mode" text not null, "status" text not null default 'queued', "requested_count" int not null, "generated_count" int not null default 0, "usage_type" text not null, "max_redemptions" int null, "valid_from" timestamptz null, "valid_till" timestamptz null, "custom_name" varchar(32) null, "format" jsonb not null, "notify" boolean not null, "notify_email" varchar(320) null, "created_by_id" uuid null, "created_at" timestamptz not null default now(), "completed_at" timestamptz null, "error" text null, "deactivated_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(`create index "batches_product_id_index" on "batches" ("product_id");`);
    this.addSql(`create index "batches_plan_id_index" on "batches" ("plan_id");`);
    this.addSql(
      `create index "batches_project_id_created_at_id_index" on "batches" ("project_id", "created_at", "id");`,
    );

    this.addSql(
      `create table "access_codes" ("id" uuid not null default gen_random_uuid(), "project_id" uuid not null, "batch_id" uuid not null, "product_id" uuid not null, "plan_id" uuid not null, "code" varchar(64) collate "C" not null, "usage_type" text not null, "max_redemptions" int null, "redemption_count" int not null default 0, "valid_from" timestamptz null, "valid_till" timestamptz null, "active" boolean not null default true, "sequence_no" bigint null, "created_at" timestamptz not null default now(), "updated_at" timestamptz null, "last_redeemed_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(
      `create index "access_codes_inactive_index" on "access_codes" ("project_id", "created_at", "id") where active = false;`,
    );
    this.addSql(
      `create index "access_codes_used_index" on "access_codes" ("project_id", "created_at", "id") where redemption_count > 0;`,
    );
    this.addSql(
      `create index "access_codes_plan_created_index" on "access_codes" ("plan_id", "created_at", "id");`,
    );
    this.addSql(
      `create index "access_codes_batch_created_index" on "access_codes" ("batch_id", "created_at", "id");`,
    );
    this.addSql(
      `create index "access_codes_project_created_index" on "access_codes" ("project_id", "created_at", "id");`,
    );
    this.addSql(
      `alter table "access_codes" add constraint "access_codes_project_code_unique" unique ("project_id", "code");`,
    );

    this.addSql(
      `create table "webhooks" ("id" uuid not null, "project_id" uuid not null, "url" varchar(2000) not null, "secret" varchar(100) not null, "events" text[] not null, "active" boolean not null default true, "created_by_id" uuid null, "created_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`create index "webhooks_project_id_index" on "webhooks" ("project_id");`);

    this.addSql(
      `create table "webhook_deliveries" ("id" uuid not null, "webhook_id" uuid not null, "project_id" uuid not null, "event_id" uuid not null, "event_name" varchar(64) not null, "payload" jsonb not null, "status" text not null default 'pending', "attempts" int not null default 0, "last_status_code" int null, "last_error" text null, "last_attempt_at" timestamptz null, "delivered_at" timestamptz null, "created_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(
      `create index "webhook_deliveries_webhook_id_created_at_index" on "webhook_deliveries" ("webhook_id", "created_at");`,
    );

    this.addSql(
      `alter table "code_events" add constraint "code_events_type_check" check ("type" in ('edited', 'deactivated', 'activated', 'redeemed', 'revoked'));`,
    );
    this.addSql(
      `alter table "code_events" add constraint "code_events_actor_type_check" check ("actor_type" in ('user', 'api_key', 'learner', 'system'));`,
    );

    this.addSql(
      `alter table "mail_messages" add constraint "mail_messages_status_check" check ("status" in ('queued', 'sent', 'failed'));`,
    );

    this.addSql(
      `alter table "redemptions" add constraint "redemptions_channel_check" check ("channel" in ('api', 'activation_page', 'console'));`,
    );

    this.addSql(
      `alter table "batches" add constraint "batches_project_id_foreign" foreign key ("project_id") references "projects" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "batches" add constraint "batches_product_id_foreign" foreign key ("product_id") references "products" ("id") on delete restrict;`,
    );
    this.addSql(
      `alter table "batches" add constraint "batches_plan_id_foreign" foreign key ("plan_id") references "plans" ("id") on delete restrict;`,
    );
    this.addSql(
      `alter table "batches" add constraint "batches_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "batches" add constraint "batches_mode_check" check ("mode" in ('standard', 'bulk'));`,
    );
    this.addSql(
      `alter table "batches" add constraint "batches_status_check" check ("status" in ('queued', 'running', 'completed', 'failed'));`,
    );
    this.addSql(
      `alter table "batches" add constraint "batches_usage_type_check" check ("usage_type" in ('single', 'multiple'));`,
    );

    this.addSql(
      `alter table "access_codes" add constraint "access_codes_batch_id_foreign" foreign key ("batch_id") references "batches" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "access_codes" add constraint "access_codes_redemption_count_check" check (redemption_count >= 0 and (max_redemptions is null or redemption_count <= max_redemptions));`,
    );
    this.addSql(
      `alter table "access_codes" add constraint "access_codes_usage_type_check" check ("usage_type" in ('single', 'multiple'));`,
    );

    this.addSql(
      `alter table "webhook_deliveries" add constraint "webhook_deliveries_status_check" check ("status" in ('pending', 'succeeded', 'failed'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "access_codes" drop constraint "access_codes_batch_id_foreign";`);

    this.addSql(`drop table if exists "code_events" cascade;`);
    this.addSql(`drop table if exists "custom_name_counters" cascade;`);
    this.addSql(`drop table if exists "idempotency_records" cascade;`);
    this.addSql(`drop table if exists "mail_messages" cascade;`);
    this.addSql(`drop table if exists "notifications" cascade;`);
    this.addSql(`drop table if exists "outbox_messages" cascade;`);
    this.addSql(`drop table if exists "redemptions" cascade;`);
    this.addSql(`drop table if exists "batches" cascade;`);
    this.addSql(`drop table if exists "access_codes" cascade;`);
    this.addSql(`drop table if exists "webhooks" cascade;`);
    this.addSql(`drop table if exists "webhook_deliveries" cascade;`);
  }
}
