-- The instances of a team deployment (workbench.role = all, ui or worker), one row each,
-- refreshed by the instance's heartbeat: what it runs on and what it is doing, for the Admin
-- page. A row whose last_seen is older than the dead-worker timeout is a node that is gone
-- (stopped, or killed); it stays listed, as gone.
create table worker_node (
    name        varchar(200) primary key,
    role        varchar(8)   not null,
    device      varchar(100) not null,
    model_id    varchar(64)  not null,
    threads     integer      not null,
    running     uuid[]       not null default '{}',
    started_at  timestamptz  not null,
    last_seen   timestamptz  not null,
    stopped     boolean      not null default false,
    constraint worker_node_role check (role in ('ALL', 'UI', 'WORKER'))
);

-- The latest preview of a running run, for the other nodes whose pages follow it: progress
-- notifications (NOTIFY) are small, so an image goes through this row. Gone when the run ends.
create table run_preview (
    run_id  uuid    primary key references run (id) on delete cascade,
    step    integer not null,
    png     bytea   not null
);
