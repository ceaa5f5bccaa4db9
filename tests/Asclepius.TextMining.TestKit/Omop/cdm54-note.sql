-- OMOP CDM 5.4, PostgreSQL: NOTE and NOTE_NLP as the OHDSI specification publishes them
-- (OMOPCDM_postgresql_5.4_ddl.sql, then the primary keys and indices scripts for these two tables).
-- Written from the specification for the tests: integer ids, NOT NULL where the CDM says so, no defaults.
-- @cdm is replaced by the schema.
CREATE TABLE @cdm.note (
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
  note_event_field_concept_id integer NULL);

CREATE TABLE @cdm.note_nlp (
  note_nlp_id integer NOT NULL,
  note_id integer NOT NULL,
  section_concept_id integer NULL,
  snippet varchar(250) NULL,
  "offset" varchar(50) NULL,
  lexical_variant varchar(250) NOT NULL,
  note_nlp_concept_id integer NULL,
  note_nlp_source_concept_id integer NULL,
  nlp_system varchar(250) NULL,
  nlp_date date NOT NULL,
  nlp_datetime timestamp NULL,
  term_exists varchar(1) NULL,
  term_temporal varchar(50) NULL,
  term_modifiers varchar(2000) NULL);

ALTER TABLE @cdm.note ADD CONSTRAINT xpk_note PRIMARY KEY (note_id);
ALTER TABLE @cdm.note_nlp ADD CONSTRAINT xpk_note_nlp PRIMARY KEY (note_nlp_id);
CREATE INDEX idx_note_person_id_1 ON @cdm.note (person_id ASC);
CREATE INDEX idx_note_concept_id_1 ON @cdm.note (note_type_concept_id ASC);
CREATE INDEX idx_note_visit_id_1 ON @cdm.note (visit_occurrence_id ASC);
CREATE INDEX idx_note_nlp_note_id_1 ON @cdm.note_nlp (note_id ASC);
CREATE INDEX idx_note_nlp_concept_id_1 ON @cdm.note_nlp (note_nlp_concept_id ASC);
