-- eventwire store, migration 0002: one event, many reports (issue 5).
-- `events` now holds deduplicated events: the reports of one happening from several articles,
-- merged (eventwire.dedup.events). Each article's own coded events are kept in `reports`, so
-- the merge can be redone as articles arrive. Every table is described in docs/schema.md.

ALTER TABLE events ADD COLUMN confidence DOUBLE;              -- 1 - 0.5 ** independent_sources
ALTER TABLE events ADD COLUMN independent_sources INTEGER;    -- stories among the sources

CREATE TABLE reports (
    report_id VARCHAR PRIMARY KEY,   -- the id the coder gave one article's event
    article_id VARCHAR NOT NULL,
    event_id VARCHAR NOT NULL,       -- the event in `events` it is a report of
    kind VARCHAR NOT NULL,           -- ACLED event type, or 'PLOVER ' + category for verbal events
    event_date DATE,
    time_precision INTEGER,
    country VARCHAR,
    body VARCHAR                     -- the coded event as JSON; NULL: the `events` row of the same id (stored before 0002)
);
INSERT INTO reports
    SELECT event_id, article_id, event_id, coalesce(event_type, 'PLOVER ' || plover_category), event_date, time_precision, country, NULL
    FROM events;

CREATE TABLE event_notes (
    event_id VARCHAR NOT NULL,
    ord INTEGER NOT NULL,
    kind VARCHAR NOT NULL,           -- 'reason' (why reports were merged) or 'conflict' (where they disagree)
    text VARCHAR NOT NULL,
    PRIMARY KEY (event_id, ord)
);

CREATE TABLE provenance (
    event_id VARCHAR NOT NULL,
    ord INTEGER NOT NULL,
    field VARCHAR NOT NULL,          -- event_type, event_date, location, actor1, actor2, fatalities, injured, arrested
    article_id VARCHAR NOT NULL,
    "start" INTEGER NOT NULL,        -- str offsets into articles.text; -1 when not read from the text
    "end" INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    unverified BOOLEAN NOT NULL,     -- a verification cue covers the span
    PRIMARY KEY (event_id, ord)
);

CREATE TABLE stories (
    article_id VARCHAR PRIMARY KEY,
    story_id VARCHAR NOT NULL,       -- "s" + the smallest article id of the story
    role VARCHAR NOT NULL,           -- original, copy or rewrite
    similarity DOUBLE NOT NULL,      -- estimated word-shingle Jaccard to the story's original
    adds_new BOOLEAN NOT NULL,       -- states names or numbers the original does not
    new_facts VARCHAR NOT NULL,      -- those names and numbers, '; '-separated
    fingerprint VARCHAR NOT NULL     -- eventwire.dedup.stories.Fingerprint as JSON
);

ALTER TABLE event_sources ADD COLUMN role VARCHAR;            -- the source article's story role, when known

ALTER TABLE quotes ADD COLUMN kind VARCHAR DEFAULT 'direct';  -- direct, indirect or claim
ALTER TABLE quotes ADD COLUMN role VARCHAR DEFAULT '';
ALTER TABLE quotes ADD COLUMN affiliation VARCHAR DEFAULT '';
ALTER TABLE quotes ADD COLUMN via VARCHAR DEFAULT '';
ALTER TABLE quotes ADD COLUMN unverified BOOLEAN DEFAULT false;
ALTER TABLE quotes ADD COLUMN speaker_start INTEGER DEFAULT -1;
ALTER TABLE quotes ADD COLUMN speaker_end INTEGER DEFAULT -1;

CREATE TABLE quote_reports (
    article_id VARCHAR NOT NULL,
    "start" INTEGER NOT NULL,        -- the quote's span (quotes.article_id, start, end)
    "end" INTEGER NOT NULL,
    report_id VARCHAR NOT NULL       -- a report the quote is about (its event: reports.event_id)
);
