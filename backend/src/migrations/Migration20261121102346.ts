import { Migration } from '@mikro-orm/migrations';

export class Migration20261121102346 extends Migration {
  override name = 'Migration20261121102346';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "tenants" ("id" uuid not null, "name" varchar(200) not null, "created_at" timestamptz not null default now(), primary key ("id"));`,
    );

    this.addSql(
      `create table "projects" ("id" uuid not null, "tenant_id" uuid not null, "slug" varchar(64) not null, "name" varchar(200) not null, "bulk_threshold" int not null default 150, "max_batch_size" int not null default 2000, "code_format" jsonb not null, "created_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`alter table "projects" add constraint "projects_slug_unique" unique ("slug");`);

    this.addSql(
      `create table "products" ("id" uuid not null, "project_id" uuid not null, "name" varchar(200) not null, "description" text null, "archived_at" timestamptz null, "created_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`create index "products_project_id_index" on "products" ("project_id");`);

    this.addSql(
      `create table "plans" ("id" uuid not null, "project_id" uuid not null, "product_id" uuid not null, "name" varchar(200) not null, "access_days" int null, "archived_at" timestamptz null, "created_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`create index "plans_product_id_index" on "plans" ("product_id");`);

    this.addSql(
      `create table "users" ("id" uuid not null, "tenant_id" uuid not null, "email" varchar(320) not null, "name" varchar(200) not null, "password_hash" text not null, "created_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`alter table "users" add constraint "users_email_unique" unique ("email");`);

    this.addSql(
      `create table "sessions" ("id" uuid not null, "user_id" uuid not null, "token_hash" varchar(64) not null, "expires_at" timestamptz not null, "created_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`alter table "sessions" add constraint "sessions_token_hash_unique" unique ("token_hash");`);

    this.addSql(
      `create table "project_members" ("id" uuid not null, "project_id" uuid not null, "user_id" uuid not null, "role" text not null, "created_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`create index "project_members_user_id_index" on "project_members" ("user_id");`);
    this.addSql(
      `alter table "project_members" add constraint "project_members_project_id_user_id_unique" unique ("project_id", "user_id");`,
    );

    this.addSql(
      `create table "api_keys" ("id" uuid not null, "project_id" uuid not null, "name" varchar(100) not null, "prefix" varchar(16) not null, "secret_hash" varchar(64) not null, "scopes" text[] not null, "created_by_id" uuid null, "created_at" timestamptz not null default now(), "last_used_at" timestamptz null, "revoked_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(`create index "api_keys_project_id_index" on "api_keys" ("project_id");`);
    this.addSql(`alter table "api_keys" add constraint "api_keys_prefix_unique" unique ("prefix");`);

    this.addSql(
      `alter table "projects" add constraint "projects_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "products" add constraint "products_project_id_foreign" foreign key ("project_id") references "projects" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "plans" add constraint "plans_project_id_foreign" foreign key ("project_id") references "projects" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "plans" add constraint "plans_product_id_foreign" foreign key ("product_id") references "products" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "users" add constraint "users_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "sessions" add constraint "sessions_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "project_members" add constraint "project_members_project_id_foreign" foreign key ("project_id") references "projects" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "project_members" add constraint "project_members_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "project_members" add constraint "project_members_role_check" check ("role" in ('owner', 'admin', 'support'));`,
    );

    this.addSql(
      `alter table "api_keys" add constraint "api_keys_project_id_foreign" foreign key ("project_id") references "projects" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "api_keys" add constraint "api_keys_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on delete set null;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "projects" drop constraint "projects_tenant_id_foreign";`);
    this.addSql(`alter table "users" drop constraint "users_tenant_id_foreign";`);
    this.addSql(`alter table "products" drop constraint "products_project_id_foreign";`);
    this.addSql(`alter table "plans" drop constraint "plans_project_id_foreign";`);
    this.addSql(`alter table "project_members" drop constraint "project_members_project_id_foreign";`);
    this.addSql(`alter table "api_keys" drop constraint "api_keys_project_id_foreign";`);
    this.addSql(`alter table "plans" drop constraint "plans_product_id_foreign";`);
    this.addSql(`alter table "sessions" drop constraint "sessions_user_id_foreign";`);
    this.addSql(`alter table "project_members" drop constraint "project_members_user_id_foreign";`);
    this.addSql(`alter table "api_keys" drop constraint "api_keys_created_by_id_foreign";`);

    this.addSql(`drop table if exists "tenants" cascade;`);
    this.addSql(`drop table if exists "projects" cascade;`);
    this.addSql(`drop table if exists "products" cascade;`);
    this.addSql(`drop table if exists "plans" cascade;`);
    this.addSql(`drop table if exists "users" cascade;`);
    this.addSql(`drop table if exists "sessions" cascade;`);
    this.addSql(`drop table if exists "project_members" cascade;`);
    this.addSql(`drop table if exists "api_keys" cascade;`);
  }
}
