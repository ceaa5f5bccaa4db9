-- Least privilege for the worker's role {role}: read NOTE, write NOTE_NLP rows, use its own work schema.
-- Nothing here lets it create, alter or own anything in the CDM schema.
GRANT USAGE ON SCHEMA {cdm} TO {role};
GRANT SELECT ON {note} TO {role};
GRANT SELECT, INSERT, DELETE ON {note_nlp} TO {role};
GRANT USAGE ON SCHEMA {work} TO {role};
GRANT SELECT, INSERT, UPDATE, DELETE ON {work}.note_work TO {role};
GRANT USAGE, SELECT, UPDATE ON SEQUENCE {work}.note_nlp_id_seq TO {role};
