-- A/B seed grids. Rows are prompt variants (row 0 is the baseline), columns are seeds (the
-- same for every row), an optional third axis sweeps steps, process or one term's weight.
-- Each cell points at the run that made it; runs keep their recipes and images.

create table experiment (
    id            uuid primary key,
    title         varchar(120) not null,
    notes         text         not null default '',
    seeds         bigint[]     not null,
    probes        text[]       not null default '{}',
    axis_kind     varchar(16)  not null default 'none',
    axis_term     varchar(2000) not null default '',
    axis_values   text[]       not null default '{}',
    steps         integer      not null,
    process       varchar(32)  not null,
    upscale       integer      not null,
    created_at    timestamptz  not null default now(),
    updated_at    timestamptz  not null default now(),
    constraint experiment_axis check (axis_kind in ('none', 'steps', 'process', 'weight'))
);
create index experiment_created on experiment (created_at desc);

create table experiment_row (
    experiment_id     uuid         not null references experiment (id) on delete cascade,
    row_index         integer      not null,
    label             varchar(120) not null,
    prompt            text         not null,
    dialect           varchar(20)  not null default '',
    prompt_version_id bigint       references prompt_version (id) on delete set null,
    primary key (experiment_id, row_index)
);

create table experiment_cell (
    experiment_id uuid    not null references experiment (id) on delete cascade,
    row_index     integer not null,
    seed_index    integer not null,
    axis_index    integer not null,
    run_id        uuid    references run (id) on delete set null,
    primary key (experiment_id, row_index, seed_index, axis_index)
);
create index experiment_cell_run on experiment_cell (run_id);
