-- Bring-your-own models: a grid runs every cell on one model pair, named as recipes name it
-- ('sketchbook-v1', or '<generator>+<checker>' from workbench.models.dir).
alter table experiment add column model varchar(200) not null default 'sketchbook-v1';
-- Custom pair ids are two folder names joined by '+': room for long ones.
alter table run alter column model_id type varchar(200);
