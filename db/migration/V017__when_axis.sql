-- A grid's third axis may sweep the when of A1111 prompt editing ([from:to:when]): the values
-- are whens (0.25, 3), the term is unused.

alter table experiment drop constraint experiment_axis;
alter table experiment add constraint experiment_axis
    check (axis_kind in ('none', 'steps', 'process', 'weight', 'when'));
