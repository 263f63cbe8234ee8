-- Gallery: favourites, and indexes for its filters and sorts. Thumbnails are the RAW image
-- (model size, a few KB), so no extra column is needed for them.

alter table run add column starred boolean not null default false;

-- Newest first is the default order; score order serves "best first".
create index run_score_final on run (score_final desc nulls last, created_at desc);
create index run_seed on run (seed);
create index run_process_model on run (process, model_id);
create index run_prompt_version on run (prompt_version_id);
create index run_starred on run (created_at desc) where starred;
