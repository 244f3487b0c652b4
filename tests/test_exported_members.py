"""Guard the deliberate public surface of the top-level package."""
import types

import eventwire


def test_all_names_exist_and_nothing_else_is_public():
    for name in eventwire.__all__:
        assert hasattr(eventwire, name), name
    public = {
        name
        for name, value in vars(eventwire).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    }
    assert public == {name for name in eventwire.__all__ if not name.startswith("_")}
