-- A run's journey through the loop: every few steps (workbench.snapshots.every) a small PNG of
-- the image at that step and, where the art process has one, of its prediction of the final
-- image, with each term's score then. Written by the worker as the run goes (fenced by its
-- attempt), so a run's page can show them while it runs and after.

create table run_snapshot (
    run_id        uuid     not null references run (id) on delete cascade,
    step          integer  not null,
    png           bytea    not null,
    predicted_png bytea,
    combined      real     not null,
    terms         real[]   not null,
    primary key (run_id, step)
);
