-- 1: the schema of SQLite's migrations 1 to 6, in PostgreSQL types.
-- Times are Unix milliseconds (0 = none), as in SQLite, so both backends
-- round alike and hash the audit records alike.
CREATE TABLE certificado (
	serial            TEXT PRIMARY KEY,
	npie              TEXT NOT NULL,
	tipo              TEXT NOT NULL CHECK (tipo IN ('principal', 'adicional')),
	principal         TEXT REFERENCES certificado(serial),
	der               BYTEA NOT NULL,
	no_antes          BIGINT NOT NULL,
	no_despues        BIGINT NOT NULL,
	revocado          BIGINT NOT NULL DEFAULT 0,
	motivo_revocacion INTEGER NOT NULL DEFAULT 0,
	carta_pendiente   BOOLEAN NOT NULL DEFAULT FALSE,
	emitido           BIGINT NOT NULL,
	CHECK ((tipo = 'principal') = (principal IS NULL))
);
CREATE INDEX certificado_principal ON certificado(principal) WHERE principal IS NOT NULL;
CREATE INDEX certificado_revocado ON certificado(revocado) WHERE revocado <> 0;

CREATE TABLE solicitud (
	folio             TEXT PRIMARY KEY,
	npie              TEXT NOT NULL UNIQUE,
	usuario           TEXT NOT NULL,
	registro_patronal TEXT NOT NULL,
	rfc               TEXT NOT NULL,
	estado            TEXT NOT NULL CHECK (estado IN ('pendiente', 'aprobada', 'rechazada', 'cancelada')),
	activa            BOOLEAN NOT NULL,
	datos             BYTEA NOT NULL,
	csr               BYTEA NOT NULL,
	carta             BYTEA NOT NULL,
	creada            BIGINT NOT NULL,
	fecha_limite      BIGINT NOT NULL,
	resuelta          BIGINT NOT NULL DEFAULT 0,
	clerk             TEXT NOT NULL DEFAULT '',
	motivo            TEXT NOT NULL DEFAULT '',
	documentos        BYTEA,
	serial            TEXT REFERENCES certificado(serial),
	hash_carta        BYTEA,
	lugar_carta       TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX solicitud_activa ON solicitud(registro_patronal, usuario) WHERE activa;
CREATE INDEX solicitud_estado ON solicitud(estado, creada);
CREATE INDEX solicitud_rp ON solicitud(registro_patronal);
CREATE INDEX solicitud_rfc ON solicitud(rfc);

CREATE TABLE renovacion (
	id                       TEXT PRIMARY KEY,
	npie                     TEXT NOT NULL,
	serial_anterior          TEXT NOT NULL REFERENCES certificado(serial),
	estado                   TEXT NOT NULL CHECK (estado IN ('iniciada', 'carta_firmada', 'certificado_emitido', 'completada', 'cancelada')),
	csr                      BYTEA NOT NULL,
	cambios                  BYTEA NOT NULL,
	carta_aceptacion         BYTEA NOT NULL,
	carta_aceptacion_firmada BYTEA,
	hash_carta               BYTEA,
	serial_nuevo             TEXT REFERENCES certificado(serial),
	carta_terminos           BYTEA,
	carta_terminos_firmada   BYTEA,
	creada                   BIGINT NOT NULL,
	actualizada              BIGINT NOT NULL
);
CREATE INDEX renovacion_anterior ON renovacion(serial_anterior, estado);

CREATE TABLE clerk (
	usuario       TEXT PRIMARY KEY,
	nombre        TEXT NOT NULL DEFAULT '',
	hash          BYTEA NOT NULL,
	creado        BIGINT NOT NULL,
	deshabilitado BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE idempotencia (
	clave     TEXT PRIMARY KEY,
	operacion TEXT NOT NULL,
	huella    BYTEA NOT NULL,
	ref       TEXT NOT NULL,
	creada    BIGINT NOT NULL
);

-- The audit chain (store.HashEvento). Ids are 1, 2, 3… with no gap: each
-- change takes the next one from auditoria_cabeza, whose single row it
-- locks until COMMIT, so appends are serialized across instances.
CREATE TABLE auditoria (
	id            BIGINT PRIMARY KEY,
	cuando        BIGINT NOT NULL,
	quien         TEXT NOT NULL,
	que           TEXT NOT NULL,
	objeto        TEXT NOT NULL,
	desde         TEXT NOT NULL,
	detalle       TEXT NOT NULL,
	hash_anterior BYTEA NOT NULL,
	hash          BYTEA NOT NULL
);
CREATE INDEX auditoria_objeto ON auditoria(objeto, id);

CREATE TABLE auditoria_cabeza (
	k    INTEGER PRIMARY KEY CHECK (k = 1),
	id   BIGINT NOT NULL,
	hash BYTEA
);
INSERT INTO auditoria_cabeza (k, id, hash) VALUES (1, 0, NULL);

CREATE FUNCTION auditoria_solo_agregar() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'auditoria: append-only';
END $$;
CREATE TRIGGER auditoria_sin_cambios BEFORE UPDATE OR DELETE OR TRUNCATE ON auditoria
	FOR EACH STATEMENT EXECUTE FUNCTION auditoria_solo_agregar();

-- The last CRL number handed out (Store.NumeroCRL).
CREATE TABLE crl_numero (
	k INTEGER PRIMARY KEY CHECK (k = 1),
	n BIGINT NOT NULL
);
INSERT INTO crl_numero (k, n) VALUES (1, 0);
