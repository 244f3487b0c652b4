-- eventwire store, migration 0001: the initial schema.
-- Every table and column is described in docs/schema.md; column names follow the ACLED
-- codebook where ACLED has one. Times are UTC (TIMESTAMP without zone).

CREATE TABLE articles (
    id VARCHAR PRIMARY KEY,          -- content id (eventwire.ingest.content_id)
    external_id VARCHAR NOT NULL,    -- the id the source gave it, '' if none
    url VARCHAR NOT NULL,
    title VARCHAR NOT NULL,
    published DATE,
    origin VARCHAR NOT NULL,         -- where it was read from: path, path:line, <stdin>
    text VARCHAR NOT NULL,           -- the text every offset indexes
    ingested_at TIMESTAMP NOT NULL
);

CREATE TABLE events (
    event_id VARCHAR PRIMARY KEY,    -- given by the caller (eventwire.coding.assign_event_ids)
    article_id VARCHAR NOT NULL,     -- the article it was coded from
    event_date DATE,
    time_precision INTEGER NOT NULL, -- ACLED: 1 day, 2 week, 3 month or vaguer
    event_type VARCHAR,              -- ACLED event type; NULL for PLOVER-only (verbal) events
    sub_event_type VARCHAR,
    plover_category VARCHAR,
    plover_mode VARCHAR,
    disorder_type VARCHAR,
    actor1 VARCHAR,
    inter1 INTEGER,
    actor2 VARCHAR,
    inter2 INTEGER,
    interaction INTEGER,             -- ACLED interaction code (Event.interaction)
    civilian_targeting VARCHAR,
    country VARCHAR,
    iso3 VARCHAR,
    admin1 VARCHAR,
    admin2 VARCHAR,
    location VARCHAR,
    latitude DOUBLE,
    longitude DOUBLE,
    geo_precision INTEGER,
    geonameid BIGINT,
    fatalities INTEGER,              -- NULL: not reported (exports write 0, ACLED convention)
    injured INTEGER,
    arrested INTEGER,
    "trigger" VARCHAR NOT NULL,
    notes VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE event_sources (
    event_id VARCHAR NOT NULL,
    ord INTEGER NOT NULL,            -- position in Event.sources
    article_id VARCHAR NOT NULL,
    PRIMARY KEY (event_id, ord)
);

CREATE TABLE evidence (
    event_id VARCHAR NOT NULL,
    ord INTEGER NOT NULL,            -- position in Event.evidence
    article_id VARCHAR NOT NULL,
    "start" INTEGER NOT NULL,        -- str offsets into articles.text
    "end" INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    role VARCHAR NOT NULL,
    PRIMARY KEY (event_id, ord)
);

CREATE TABLE quotes (
    article_id VARCHAR NOT NULL,
    speaker VARCHAR NOT NULL,
    quote VARCHAR NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    verb VARCHAR NOT NULL
);

CREATE SEQUENCE runs_id_seq START 1;

CREATE TABLE runs (
    id BIGINT PRIMARY KEY DEFAULT nextval('runs_id_seq'),
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    read INTEGER NOT NULL,
    skipped INTEGER NOT NULL,
    events_stored INTEGER NOT NULL,
    command VARCHAR NOT NULL
);
