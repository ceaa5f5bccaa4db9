-- The worker's own state, in a schema of its own ({work}); the CDM schema is only read (NOTE) and written
-- (NOTE_NLP rows). Run by a DBA (`asclepius omop init --apply`) or, with Source:CreateSchema and the
-- privilege to create, by the worker itself when something is missing.
CREATE SCHEMA IF NOT EXISTS {work};

-- One row per (note, model version): pending -> leased -> done | parked. last_error holds a code and a
-- text-free reason (note id, lengths, offsets, exception type), never note text.
CREATE TABLE IF NOT EXISTS {work}.note_work (
  note_id bigint NOT NULL,
  nlp_system varchar(250) NOT NULL,
  state varchar(10) NOT NULL DEFAULT 'pending',
  attempts integer NOT NULL DEFAULT 0,
  leased_by varchar(200) NULL,
  leased_at timestamptz NULL,
  lease_until timestamptz NULL,
  last_error text NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (note_id, nlp_system));
CREATE INDEX IF NOT EXISTS note_work_open ON {work}.note_work (nlp_system, note_id) WHERE state IN ('pending', 'leased');

-- note_nlp_id values. It must stay above max(note_nlp_id) of NOTE_NLP: it is started there, and the worker
-- moves it up at start and after a key clash when another writer took ids from elsewhere.
CREATE SEQUENCE IF NOT EXISTS {work}.note_nlp_id_seq;
SELECT setval('{work}.note_nlp_id_seq', GREATEST((SELECT COALESCE(max(note_nlp_id), 0) FROM {note_nlp}), (SELECT last_value FROM {work}.note_nlp_id_seq)), true);
