-- A grid's cells may share a negative prompt and a CFG scale (A1111's, for the diffusion
-- processes), and its third axis may sweep the CFG scale. Grids made before have neither.

alter table experiment add column negative_prompt text not null default '';
alter table experiment add column cfg_scale double precision;

alter table experiment drop constraint experiment_axis;
alter table experiment add constraint experiment_axis
    check (axis_kind in ('none', 'steps', 'process', 'weight', 'when', 'cfg'));
