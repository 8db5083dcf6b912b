-- The state instances share (store.Compartido): challenges, clerk
-- sessions, counters; expira in Unix milliseconds. UNLOGGED: it is not
-- written to the WAL, so it costs no disk flush, is not copied to a
-- standby and is emptied after a crash of the server — a lost challenge
-- or session only asks the user to try again.
CREATE UNLOGGED TABLE compartido (
	clave TEXT PRIMARY KEY,
	valor BYTEA NOT NULL,
	expira BIGINT NOT NULL
);
CREATE INDEX compartido_expira ON compartido (expira);
