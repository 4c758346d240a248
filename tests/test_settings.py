"""Settings: defaults, file, environment, errors, and that every setting is documented."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from tiewatch.errors import SettingsError
from tiewatch.settings import Settings, default_settings_text, load_settings


def test_packaged_defaults_equal_dataclass_defaults() -> None:
    assert load_settings(env={}) == Settings()


def test_every_setting_is_documented() -> None:
    text = default_settings_text()
    for item in fields(Settings):
        line = next(line for line in text.splitlines() if line.startswith(f"{item.name} ="))
        comment_above = text.split(line)[0].rstrip().splitlines()[-1]
        assert comment_above.startswith("#"), item.name


def test_file_then_environment(tmp_path: Path) -> None:
    path = tmp_path / "t.toml"
    path.write_text('batch_size = 8\ndb = "sqlite:///x.db"\n')
    settings = load_settings(path=path, env={"TIEWATCH_BATCH_SIZE": "4", "OTHER": "1"})
    assert (settings.batch_size, settings.db) == (4, "sqlite:///x.db")


@pytest.mark.parametrize(
    ("content", "env"),
    [("nonsense = 1\n", {}), ("", {"TIEWATCH_BATCH_SIZE": "many"}), ("batch_size = [\n", {})],
)
def test_bad_settings_raise(tmp_path: Path, content: str, env: dict[str, str]) -> None:
    path = tmp_path / "t.toml"
    path.write_text(content)
    with pytest.raises(SettingsError):
        load_settings(path=path, env=env)
