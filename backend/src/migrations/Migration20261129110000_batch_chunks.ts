import { Migration } from '@mikro-orm/migrations';

/** Bulk batches run as chunk jobs: a completion record per chunk, the chunk size and the Custom Name range. */
export class Migration20261129110000_batch_chunks extends Migration {
  override name = 'Migration20261129110000_batch_chunks';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "batch_chunks" ("batch_id" uuid not null, "chunk_no" int not null, "code_count" int not null, "worker" varchar(200) not null, "done_at" timestamptz not null default now(), primary key ("batch_id", "chunk_no"));`,
    );
    this.addSql(`alter table "batches" add "chunk_size" int null, add "sequence_start" bigint null;`);
    this.addSql(
      `alter table "batch_chunks" add constraint "batch_chunks_batch_id_foreign" foreign key ("batch_id") references "batches" ("id") on delete cascade;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "batch_chunks" cascade;`);
    this.addSql(`alter table "batches" drop column "chunk_size", drop column "sequence_start";`);
  }
}
