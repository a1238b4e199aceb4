-- The highest id each table has ever handed out, as far as a restore knows it: a restore puts
-- back an older registry but keeps these, so that no id is handed out twice (an id's audit
-- trail, and the answers clients kept, stay one record's). SQLite's new ids are taken past
-- them (src/models/record.rs); PostgreSQL's identities never go back, and no restore runs there.
CREATE TABLE id_floors (
    table_name TEXT PRIMARY KEY,
    last_id BIGINT NOT NULL
);
