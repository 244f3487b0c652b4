"""The ``eventwire`` command: a thin layer that parses options, calls the library, and
turns library errors into one clear message and an exit status."""
from __future__ import annotations

import datetime as dt
import functools
import json
import os
import sys

import click

from eventwire.errors import EventwireError

DEFAULT_DB = "eventwire.duckdb"
FORMATS = ("table", "csv", "jsonl", "geojson")


def db_option(func):
    return click.option(
        "--db",
        "db_path",
        default=lambda: os.environ.get("EVENTWIRE_DB", DEFAULT_DB),
        show_default=f"$EVENTWIRE_DB or {DEFAULT_DB}",
        type=click.Path(dir_okay=False),
        help="DuckDB file holding articles and events.",
    )(func)


def friendly_errors(func):
    """Turn eventwire errors into a one-line message and exit status 1 (click's ClickException)."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except EventwireError as error:
            raise click.ClickException(str(error)) from error

    return wrapper


def note_first_run() -> None:
    """Say why the first run pauses: the gazetteer index is built once, then cached."""
    from eventwire.geo.gazetteer import default_cache_path

    if not default_cache_path().exists():
        click.echo(
            f"building the GeoNames gazetteer index in {default_cache_path()} (first run only, about 30 s)...",
            err=True,
        )


def parse_date(ctx, param, value):
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


@click.group()
@click.version_option(package_name="eventwire")
def main():
    """eventwire: dated news articles in, evidence-linked political and conflict events out.

    \b
    Example:
        eventwire ingest examples/sample/ --db events.duckdb
        eventwire events --db events.duckdb --format table
    """


@main.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--date", "default_date", callback=parse_date, help="Publication date (YYYY-MM-DD) for inputs that carry none.")
@click.option("--max-bytes", type=int, default=None, help="Skip files larger than this (default 20 MB).")
@click.option("--id-column", default="id", show_default=True, help="JSONL/CSV column with the source's id.")
@click.option("--url-column", default="url", show_default=True)
@click.option("--date-column", default="published", show_default=True)
@click.option("--title-column", default="title", show_default=True)
@click.option("--text-column", default="text", show_default=True)
@click.option("--batch-size", type=int, default=None, help="Articles per store transaction (default 64).")
@click.option("--progress/--no-progress", default=None, help="Show a progress bar (default: when stderr is a terminal).")
@click.option("-v", "--verbose", is_flag=True, help="Print a line per committed batch.")
@click.option("--model", "detector_path", type=click.Path(exists=True, dir_okay=False), default=None,
              help="A sentence model from `eventwire train-detector` (default: the packaged one).")
@click.option("--classifier", "classifier_path", type=click.Path(exists=True, dir_okay=False), default=None,
              help="A snippet classifier from `eventwire train` that types the coded events (default: the packaged one).")
@friendly_errors
def ingest(paths, db_path, default_date, max_bytes, id_column, url_column, date_column, title_column,
           text_column, batch_size, progress, verbose, detector_path, classifier_path):
    """Read articles from PATHS (files, directories, .gz, or - for stdin), code them, store events.

    Reads seed-format .txt (first line ' date YYYY-MM-DD headline'), plain .txt (with --date or
    a date in the text), JSONL/CSV (id,url,published,title,text), and HTML pages. Articles
    already in the database are skipped. Exit status 1 when any input was skipped.

    \b
    Example:
        eventwire ingest ../shared/seed/000_fa41fb018e5e7486.txt --db events.duckdb
    """
    from tqdm import tqdm

    from eventwire.engine import DEFAULT_BATCH_SIZE
    from eventwire.engine import ingest as run_ingest
    from eventwire.ingest import Columns
    from eventwire.nlp.pipeline import get_pipeline
    from eventwire.store import Store

    read_options = {
        "default_date": default_date,
        "columns": Columns(id=id_column, url=url_column, published=date_column, title=title_column, text=text_column),
        "stdin": sys.stdin.buffer,
    }
    if max_bytes is not None:
        read_options["max_bytes"] = max_bytes
    note_first_run()
    nlp = get_pipeline(detector_path=detector_path, classifier_path=classifier_path)
    bar = tqdm(desc="articles", unit="art", file=sys.stderr, disable=None if progress is None else not progress)

    def on_problem(problem):
        bar.clear()
        click.echo(f"skipped {problem.path}: {problem.reason}", err=True)

    def on_batch(articles, events):
        if verbose:
            bar.clear()
            click.echo(f"committed batch: {articles} articles, {events} events", err=True)

    with Store.open(db_path) as store:
        summary = run_ingest(
            paths, store=store, nlp=nlp, batch_size=batch_size or DEFAULT_BATCH_SIZE,
            read_options=read_options, on_article=lambda _: bar.update(1),
            on_problem=on_problem, on_batch=on_batch,
        )
        bar.close()
        store.record_run(
            read=summary.read, skipped=summary.skipped, events_stored=summary.events_stored,
            command="ingest " + " ".join(paths),
        )
    click.echo(
        f"read {summary.read} articles ({summary.articles_added} new, {summary.already_stored} already stored), "
        f"skipped {summary.skipped} inputs, stored {summary.events_stored} events in {db_path}"
        + (f" ({summary.events_merged} merged with reports of the same event from other articles)" if summary.events_merged else "")
    )
    for problem in summary.problems:
        click.echo(f"  skipped {problem.path}: {problem.reason}")
    sys.exit(1 if summary.problems else 0)


@main.command()
@db_option
@click.option("--country", help="Country name or ISO3 code.")
@click.option("--admin1", help="First-level region (province, state).")
@click.option("--type", "event_type", help="ACLED event type, e.g. Battles.")
@click.option("--sub-type", "sub_event_type", help="ACLED sub-event type, e.g. 'Armed clash'.")
@click.option("--actor", help="Substring of actor1 or actor2 (case-insensitive).")
@click.option("--since", callback=parse_date, help="First event date (YYYY-MM-DD).")
@click.option("--until", callback=parse_date, help="Last event date (YYYY-MM-DD).")
@click.option("--limit", type=int, default=None)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@friendly_errors
def events(db_path, country, admin1, event_type, sub_event_type, actor, since, until, limit, fmt):
    """List stored events; CSV uses ACLED's column names, JSONL adds evidence and sources.

    \b
    Example:
        eventwire events --country Afghanistan --type Battles --format csv > battles.csv
    """
    from eventwire import export
    from eventwire.store import Store

    with Store.open(db_path) as store:
        found = store.list_events(
            country=country, admin1=admin1, event_type=event_type, sub_event_type=sub_event_type,
            actor=actor, since=since, until=until, limit=limit,
        )
        articles = store.get_articles(sorted({a for e in found for a in e.sources}))
    out = sys.stdout
    if fmt == "table":
        click.echo(export.format_table(found))
        click.echo(f"{len(found)} events. {export.GEONAMES_ATTRIBUTION}")
    elif fmt == "csv":
        export.write_csv(found, out, articles=articles)
    elif fmt == "jsonl":
        export.write_jsonl(found, out, articles=articles)
    else:
        export.write_geojson(found, out, articles=articles)


@main.command()
@click.argument("event_id")
@db_option
@friendly_errors
def show(event_id, db_path):
    """Print one event with its evidence sentences highlighted and its source articles.

    EVENT_ID may be a unique prefix.

    \b
    Example:
        eventwire show ev3f2a
    """
    from eventwire.report import format_event_detail
    from eventwire.store import Store

    with Store.open(db_path) as store:
        event = store.get_event(event_id)
        if event is None:
            raise click.ClickException(f"no event with id {event_id!r} (list them with: eventwire events)")
        articles = store.get_articles(event.sources)
        stories = store.stories_of(event.sources)
        quotes = store.list_quotes(event_id=event.event_id)
    click.echo(format_event_detail(event, articles, color=sys.stdout.isatty(), stories=stories, quotes=quotes))


@main.command()
@db_option
@click.option("--speaker", help="Substring of the speaker's name.")
@click.option("--kind", type=click.Choice(["direct", "indirect", "claim"]), help="Only direct quotes, indirect attributions or claims of responsibility.")
@click.option("--event", "event_id", help="Only those about this event (an id or its prefix).")
@click.option("--limit", type=int, default=None)
@friendly_errors
def quotes(db_path, speaker, kind, event_id, limit):
    """List who said what: direct quotes, attributions ("according to ...") and claims of
    responsibility, with the speaker's role, the outlet they came through and the events
    they are about.

    \b
    Example:
        eventwire quotes --speaker Zarif
        eventwire quotes --kind claim
    """
    from eventwire.report import format_quote
    from eventwire.store import Store

    with Store.open(db_path) as store:
        if event_id is not None:
            event = store.get_event(event_id)
            if event is None:
                raise click.ClickException(f"no event with id {event_id!r} (list them with: eventwire events)")
            event_id = event.event_id
        for quote in store.list_quotes(speaker=speaker, kind=kind, event_id=event_id, limit=limit):
            events = f"  events: {', '.join(quote.event_ids)}" if quote.event_ids else ""
            click.echo(format_quote(quote) + events)


@main.command()
@db_option
@click.option("--min-size", type=int, default=2, show_default=True, help="Only stories of at least this many articles.")
@click.option("--limit", type=int, default=None)
@friendly_errors
def stories(db_path, min_size, limit):
    """List stories: wire copies, syndicated and reworded versions of one article, grouped.

    Each story shows its original (earliest, then the version most outlets ran) and every copy
    or rewrite with its similarity to the original and the names or numbers it adds.

    \b
    Example:
        eventwire stories --db my.duckdb
    """
    from eventwire.store import Store

    with Store.open(db_path) as store:
        found = store.list_stories(min_size=min_size, limit=limit)
    for story in found:
        click.echo(f"story {story['story_id']}: {len(story['members'])} articles")
        for member in story["members"]:
            adds = f"  adds: {member['new_facts']}" if member["adds_new"] else ""
            title = member["title"] or member["url"] or "(untitled)"
            click.echo(
                f"  {member['role']:<8} {member['similarity']:.2f}  {member['article_id']}  "
                f"{member['published'] or 'undated'}  {title}{adds}"
            )
    click.echo(f"{len(found)} stories of {min_size} or more articles")


@main.command("eval")
@click.argument("kind", type=click.Choice(["articles", "toponyms", "event-location", "classify", "casualties", "plover"]))
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as one JSON object.")
@click.option("--predictions", type=click.Path(dir_okay=False), help="Write one prediction line per input record here.")
@click.option("--gold-spans", is_flag=True, help="toponyms: resolve the gold spans instead of recognising places.")
@click.option("--model", "model_path", type=click.Path(exists=True), help="classify: a model from `eventwire train`; articles, plover: a sentence model from `eventwire train-detector`.")
@click.option("--classifier", "classifier_path", type=click.Path(exists=True, dir_okay=False),
              help="articles: a snippet classifier from `eventwire train` to type the events (as `ingest --classifier`).")
@click.option("--folds", type=int, default=None, help="classify: k-fold cross-validation, training on the other folds of FILE.")
@click.option(
    "--features",
    type=click.Choice(["rules", "embed", "rules+embed"]),
    default=None,
    help="classify --folds: what the trained models read (embed needs eventwire[embed]; default rules).",
)
@click.option(
    "--split",
    type=click.Choice(["all", "tune", "validation"]),
    default="all",
    show_default=True,
    help="articles, plover: score one story-grouped half of FILE (report `validation`; tune on `tune`).",
)
@friendly_errors
def evaluate(kind, path, as_json, predictions, gold_spans, model_path, classifier_path, folds, features, split):
    """Score eventwire against a gold file (formats in ../shared/data/README.md).

    KIND is `articles` (events, quotes, stories), `toponyms` (place recognition and
    resolution; --gold-spans scores resolution on the gold spans), `event-location` (the
    place picked for an event trigger), `classify` (ACLED sub-event type of a news snippet;
    --model PATH uses a model from `eventwire train`, --folds K cross-validates on FILE),
    `casualties` (killed, captured, date and province of a report) or `plover` (the PLOVER
    category of a sentence).

    \b
    Example:
        eventwire eval articles examples/gold.jsonl --json
        eventwire eval toponyms ../shared/data/geo/lgl.jsonl --json --gold-spans
    """
    note_first_run()
    if kind == "toponyms":
        from eventwire.eval.toponyms import evaluate_toponyms

        scores = evaluate_toponyms(path, gold_spans=gold_spans, predictions_path=predictions)
    elif kind == "event-location":
        from eventwire.eval.event_location import evaluate_event_locations

        scores = evaluate_event_locations(path, predictions_path=predictions)
    elif kind == "classify":
        from eventwire.eval.classify import evaluate_classify

        scores = evaluate_classify(path, predictions_path=predictions, model_path=model_path, folds=folds, features=features)
    elif kind == "casualties":
        from eventwire.eval.casualties import evaluate_casualties

        scores = evaluate_casualties(path, predictions_path=predictions)
    elif kind == "plover":
        from eventwire.eval.plover import evaluate_plover

        scores = evaluate_plover(path, predictions_path=predictions, split=split, model_path=model_path)
    else:
        from eventwire.eval.run_articles import evaluate_articles

        scores = evaluate_articles(
            path, predictions_path=predictions, split=split, detector_path=model_path, classifier_path=classifier_path,
        )
    if as_json:
        click.echo(json.dumps(scores, indent=2, sort_keys=True))
    else:
        click.echo(_flatten_scores(scores))


def _flatten_scores(scores: dict, prefix: str = "") -> str:
    lines = []
    for key, value in scores.items():
        if isinstance(value, dict):
            lines.append(_flatten_scores(value, prefix + key + "."))
        else:
            lines.append(f"{prefix}{key}: {value:.3f}" if isinstance(value, float) else f"{prefix}{key}: {value}")
    return "\n".join(lines)


@main.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the measurements as one JSON object.")
@click.option("--limit", type=int, default=None, help="Use only the first N records.")
@click.option("--date", "default_date", callback=parse_date, help="Publication date for records without one (default today).")
@click.option("--no-baseline", is_flag=True, help="Skip timing spaCy's plain pipeline on the same texts.")
@click.option("--components", is_flag=True, help="Also time each pipeline component (ms per doc).")
@friendly_errors
def bench(path, as_json, limit, default_date, no_baseline, components):
    """Time the whole pipeline (ingest to stored events) on the texts of a JSONL file.

    Also times spaCy's plain small English pipeline (nlp.pipe) on the same texts in the
    same run and reports the ratio.

    \b
    Example:
        eventwire bench ../shared/data/geo/lgl.jsonl --json
    """
    from eventwire.eval.bench import run_bench

    note_first_run()
    result = run_bench(
        path, limit=limit, default_date=default_date or dt.date.today(), baseline=not no_baseline, components=components
    )
    click.echo(json.dumps(result, indent=2, sort_keys=True) if as_json else _flatten_scores(result))


@main.command("bench-stories")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("-n", "--n", "size", type=int, default=100_000, show_default=True, help="Articles in the synthetic corpus.")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed of the corpus mutations.")
@click.option("--json", "as_json", is_flag=True, help="Print the measurements as one JSON object.")
@friendly_errors
def bench_stories(path, size, seed, as_json):
    """Time story clustering on a synthetic corpus grown from the articles of a JSONL file.

    The corpus mixes exact copies, reworded and truncated copies and unrelated splices of
    PATH's articles (records with id, text, published and story_id); the index takes it in
    batches of 1,000, as an ingest would. Prints time, memory and B-cubed F1 against the
    stories the corpus was grown from (docs/stories.md).

    \b
    Example:
        eventwire bench-stories ../shared/data/articles/dev.jsonl --json
    """
    from eventwire.eval.bench_stories import run_story_bench

    result = run_story_bench(path, n=size, seed=seed)
    click.echo(json.dumps(result, indent=2, sort_keys=True) if as_json else _flatten_scores(result))


@main.group()
def gazetteer():
    """Inspect the offline GeoNames gazetteer index and add your own places to it."""


@gazetteer.command("info")
@friendly_errors
def gazetteer_info():
    """Show the gazetteer's size, sources and cache location.

    \b
    Example:
        eventwire gazetteer info
    """
    from eventwire.geo.gazetteer import get_gazetteer

    note_first_run()
    from eventwire.export import GEONAMES_ATTRIBUTION

    for key, value in get_gazetteer().info().items():
        click.echo(f"{key}: {value}")
    click.echo(f"licence: {GEONAMES_ATTRIBUTION}")


@gazetteer.command("add")
@click.argument("path", type=click.Path(dir_okay=False))
@friendly_errors
def gazetteer_add(path):
    """Add places (villages, districts, local names) from PATH to every later run.

    PATH is a .csv file with a header row or a .jsonl file, one place per row: name,
    latitude, longitude, country_code (ISO alpha-2) and, optionally, admin1, feature_code
    (default PPL), alternatenames (separated by | in CSV, a list in JSONL) and population.
    Bad rows are reported with their line number and the good ones kept; rows added before
    are not added twice. The entries are kept in user-gazetteer.jsonl next to the gazetteer
    cache ($EVENTWIRE_USER_GAZETTEER names another file); `eventwire gazetteer clear`
    removes them.

    \b
    Example:
        eventwire gazetteer add my_places.csv
    """
    from eventwire.geo.gazetteer import add_user_gazetteer, default_user_path

    report = add_user_gazetteer(path)
    for error in report.errors:
        click.echo(error, err=True)
    click.echo(
        f"added {report.added} places to {default_user_path()} "
        f"({report.duplicates} already there, {len(report.errors)} bad rows skipped)"
    )
    if report.added + report.duplicates == 0:
        raise click.ClickException(f"{path} has no usable row; see the messages above for each bad row")


@gazetteer.command("clear")
@friendly_errors
def gazetteer_clear():
    """Remove every place added with `eventwire gazetteer add` (GeoNames places stay).

    \b
    Example:
        eventwire gazetteer clear
    """
    from eventwire.geo.gazetteer import clear_user_gazetteer, default_user_path

    removed = clear_user_gazetteer()
    click.echo(f"removed {removed} user places ({default_user_path()})")


@main.command()
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--out", "out_path", required=True, type=click.Path(dir_okay=False), help="Write the model (JSON) here.")
@click.option(
    "--features",
    type=click.Choice(["rules", "embed", "rules+embed"]),
    default="rules",
    show_default=True,
    help="What the model reads: rule/word features, sentence embeddings (needs eventwire[embed]), or both.",
)
@click.option("--corpus", "corpus_dir", default=None, type=click.Path(exists=True, file_okay=False),
              help="Also train on eventwire's corpus folder (corpus/), mapped to CASE labels.")
@click.option("--min-count", type=click.IntRange(min=1), default=None,
              help="Keep only features seen in at least this many examples (default 1).")
@friendly_errors
def train(path, out_path, features, corpus_dir, min_count):
    """Train the snippet classifier on your own labelled sentences and save the model.

    PATH is a JSONL file, one {"text": ..., "label": ...} object per line; the label is a
    CASE 2021 code (ARMED_CLASH, DIPLO, ...) or an ACLED sub-event type ("Armed clash").
    Lines starting with # are comments. Bad lines are reported with their line number and
    skipped. Use the model with `eventwire eval classify FILE --model OUT`, and in your
    database with `eventwire ingest ... --classifier OUT`: it types every coded event
    (docs/classify.md). The packaged model is rebuilt with
    `eventwire train src/eventwire/coding/data/classify_train.jsonl --corpus corpus --min-count 2
    --out src/eventwire/coding/data/classifier_model.json`.

    \b
    Example:
        eventwire train my_examples.jsonl --out my_model.json
        eventwire train my_examples.jsonl --out my_model.json --features rules+embed
    """
    from eventwire.coding.detect.classifier import train_file

    extra = None
    if corpus_dir is not None:
        from eventwire.coding.detect.corpus import case_examples, read_corpus

        extra = case_examples(read_corpus(corpus_dir))
    settings = None
    if min_count is not None:
        from dataclasses import replace

        from eventwire.coding.detect.classifier import settings_for

        settings = replace(settings_for(features), min_count=min_count)
    report = train_file(path, out_path, features=features, extra=extra, settings=settings)
    for error in report.errors:
        click.echo(error, err=True)
    click.echo(
        f"trained on {report.examples} examples of {len(report.labels)} labels "
        f"({len(report.errors)} bad lines skipped); model written to {report.out}"
    )


@main.command("train-detector")
@click.option("--corpus", "corpus_dir", default="corpus", show_default=True, type=click.Path(file_okay=False),
              help="Folder of labelled sentences (corpus/SPEC.md): eventwire's own corpus, or yours.")
@click.option("--shared", "shared_dir", default="../shared/data", show_default=True,
              help="Folder of the public training sets (train/, plover/); skipped when absent.")
@click.option("--out", "out_path", type=click.Path(dir_okay=False), default=None,
              help="Write the sentence model (JSON) here (not needed with --folds).")
@click.option("--folds", type=int, default=None, help="Only cross-validate the recipe, k folds; write nothing.")
@friendly_errors
def train_detector(corpus_dir, shared_dir, out_path, folds):
    """Train the sentence model that gates and types events (relevance, ACLED sub-event type, PLOVER).

    The packaged model is `eventwire train-detector --out src/eventwire/coding/data/sentence_model.json`
    run in the repository. Use your own with `eventwire ingest ... --model OUT` (docs/detect.md).

    \b
    Example:
        eventwire train-detector --folds 5
        eventwire train-detector --corpus my_corpus/ --out my_model.json
    """
    from eventwire.coding.detect.train import cross_validate, train_detector as run_training

    if folds:
        click.echo(json.dumps(cross_validate(corpus_dir, shared_dir, k=folds), indent=2, sort_keys=True))
        return
    if not out_path:
        raise click.UsageError("give --out PATH (or --folds K to cross-validate)")
    report = run_training(corpus_dir, shared_dir, out_path)
    sources = ", ".join(f"{name} {count}" for name, count in sorted(report.by_source.items()))
    click.echo(f"trained on {report.sentences} sentences ({sources}); model written to {report.path}")


if __name__ == "__main__":  # pragma: no cover
    main()
