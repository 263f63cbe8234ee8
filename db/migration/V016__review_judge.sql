-- The independent judge as one more reviewer (built-in Sketchbook grids only). It is no user,
-- so its answers are kept apart from people's: it answers every item at once when it joins,
-- and its answers, like people's, are read only once the review is shown or closed.

create table review_judge (
    review_id uuid         primary key references review (id) on delete cascade,
    model     varchar(120) not null, -- the judge weights that answered: name and sha256 prefix
    added_by  bigint       references app_user (id) on delete set null,
    added_at  timestamptz  not null default now()
);

-- value as review_answer.value; null: the judge gave no answer (a prompt it cannot read as
-- Sketchbook claims, or a pair it finds equal), and reason says which.
create table review_judge_answer (
    review_id  uuid         not null references review_judge (review_id) on delete cascade,
    item_index integer      not null,
    value      smallint,
    reason     varchar(300) not null default '',
    primary key (review_id, item_index),
    foreign key (review_id, item_index) references review_item (review_id, item_index) on delete cascade
);
