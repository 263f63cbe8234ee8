-- Blind reviews of a grid. A review freezes the grid's finished cells (or same-seed pairs of
-- them) as items when it is made; each invited reviewer sees them in their own order, drawn
-- from a stored seed so that resuming shows the same order. Answers stay private until the
-- owner shows or closes the review.

create table review (
    id            uuid primary key,
    experiment_id uuid         not null references experiment (id) on delete cascade,
    question      varchar(300) not null,
    kind          varchar(8)   not null,
    owner_id      bigint       references app_user (id) on delete set null,
    state         varchar(8)   not null default 'OPEN',
    created_at    timestamptz  not null default now(),
    constraint review_kind check (kind in ('YES_NO', 'SCALE', 'PAIRWISE')),
    constraint review_state check (state in ('OPEN', 'SHOWN', 'CLOSED'))
);
create index review_experiment on review (experiment_id);

-- row_b and run_b only for pairwise items (two rows on the same seed and axis value).
create table review_item (
    review_id  uuid    not null references review (id) on delete cascade,
    item_index integer not null,
    seed_index integer not null,
    axis_index integer not null,
    row_a      integer not null,
    run_a      uuid    references run (id) on delete set null,
    row_b      integer,
    run_b      uuid    references run (id) on delete set null,
    primary key (review_id, item_index)
);

create table review_reviewer (
    review_id    uuid   not null references review (id) on delete cascade,
    user_id      bigint not null references app_user (id) on delete cascade,
    shuffle_seed bigint not null,
    primary key (review_id, user_id)
);
create index review_reviewer_user on review_reviewer (user_id);

-- value null: skipped. Yes/no: 1 yes, 0 no, 2 unsure; scale: 1–5; pairwise: 0 row_a, 1 row_b
-- was the better (stored by row, not by the side the reviewer saw it on).
create table review_answer (
    review_id   uuid        not null,
    user_id     bigint      not null,
    item_index  integer     not null,
    value       smallint,
    answered_at timestamptz not null default now(),
    primary key (review_id, user_id, item_index),
    foreign key (review_id, user_id) references review_reviewer (review_id, user_id) on delete cascade,
    foreign key (review_id, item_index) references review_item (review_id, item_index) on delete cascade
);
