-- OMOP CDM 5.4 NOTE and NOTE_NLP for PostgreSQL, as the OHDSI DDL publishes them (integer ids, no defaults),
-- with their primary keys and the OHDSI indices of these two tables. Run only for a table that is missing
-- (Source:CreateSchema, or `asclepius omop init --create-cdm-tables`); existing CDM tables are never altered.
-- {note} is the (schema-qualified) table name, {note_bare} the name alone; cdm-note-nlp.sql holds NOTE_NLP.
CREATE TABLE IF NOT EXISTS {note} (
  note_id integer NOT NULL,
  person_id integer NOT NULL,
  note_date date NOT NULL,
  note_datetime timestamp NULL,
  note_type_concept_id integer NOT NULL,
  note_class_concept_id integer NOT NULL,
  note_title varchar(250) NULL,
  note_text text NOT NULL,
  encoding_concept_id integer NOT NULL,
  language_concept_id integer NOT NULL,
  provider_id integer NULL,
  visit_occurrence_id integer NULL,
  visit_detail_id integer NULL,
  note_source_value varchar(50) NULL,
  note_event_id integer NULL,
  note_event_field_concept_id integer NULL,
  CONSTRAINT {note_bare}_xpk PRIMARY KEY (note_id));
CREATE INDEX IF NOT EXISTS idx_{note_bare}_person_id_1 ON {note} (person_id);
