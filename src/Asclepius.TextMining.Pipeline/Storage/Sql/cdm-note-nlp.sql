-- OMOP CDM 5.4 NOTE_NLP for PostgreSQL, as the OHDSI DDL publishes it (integer ids, no defaults), with its
-- primary key and OHDSI indices; run only when the table is missing. {note_nlp}: the (qualified) name.
CREATE TABLE IF NOT EXISTS {note_nlp} (
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
  term_modifiers varchar(2000) NULL,
  CONSTRAINT {note_nlp_bare}_xpk PRIMARY KEY (note_nlp_id));
CREATE INDEX IF NOT EXISTS idx_{note_nlp_bare}_note_id_1 ON {note_nlp} (note_id);
CREATE INDEX IF NOT EXISTS idx_{note_nlp_bare}_concept_id_1 ON {note_nlp} (note_nlp_concept_id);
