"""The public surface of eventwire.ingest."""
from __future__ import annotations

import inspect

import eventwire.ingest as ingest


def test_exported_names():
    assert sorted(ingest.__all__) == sorted(
        ["DEFAULT_MAX_BYTES", "Columns", "Problem", "content_id", "parse_published", "read_articles"])
    for name in ingest.__all__:
        assert getattr(ingest, name) is not None


def test_read_articles_options_are_keyword_only():
    parameters = inspect.signature(ingest.read_articles).parameters
    assert list(parameters) == ["paths", "default_date", "columns", "max_bytes", "stdin"]
    assert all(parameters[name].kind is inspect.Parameter.KEYWORD_ONLY for name in list(parameters)[1:])
    assert parameters["max_bytes"].default == ingest.DEFAULT_MAX_BYTES


def test_importing_does_not_import_trafilatura():
    import subprocess
    import sys

    code = "import sys, eventwire.ingest; print('trafilatura' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
