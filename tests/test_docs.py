"""Docs tested against the code: every command and option a user can type is documented."""
from __future__ import annotations

from pathlib import Path

import click
import pytest

from eventwire.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def all_commands(group: click.Group, prefix: str = "eventwire"):
    for name, command in group.commands.items():
        path = f"{prefix} {name}"
        if isinstance(command, click.Group):
            yield from all_commands(command, path)
        else:
            yield path, command


@pytest.mark.parametrize("path,command", list(all_commands(main)), ids=lambda v: v if isinstance(v, str) else "")
def test_every_command_is_in_the_readme_and_has_an_example(path, command):
    assert path in README, f"README.md does not show `{path}`"
    assert "Example" in (command.help or ""), f"`{path} --help` has no example"


def test_readme_opens_with_the_two_setup_commands():
    first_block = README.split("```")[1]
    lines = [line.split("#")[0].strip() for line in first_block.splitlines()[1:] if line.strip()]
    assert lines == ["make demo", "make test"]


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_geonames_licence_is_credited():
    assert "CC BY 4.0" in README and "GeoNames" in README


@pytest.mark.slow
def test_readme_python_example_runs(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    code = README.split("```python")[1].split("```")[0]
    exec(compile(code, "README.md", "exec"), {})
    printed = capsys.readouterr().out.splitlines()
    assert len(printed) >= 12  # one line per event of the bundled sample
