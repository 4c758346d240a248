"""One typed settings object, loaded from the packaged defaults, a TOML file and
``TIEWATCH_*`` environment variables, then passed in explicitly.

Docs: ``default_settings.toml`` documents every setting.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from importlib import resources
from pathlib import Path
from typing import Any

from tiewatch.errors import SettingsError

ENV_PREFIX = "TIEWATCH_"


@dataclass(frozen=True)
class Settings:
    db: str = "sqlite:///tiewatch.db"
    max_document_bytes: int = 5_000_000
    min_document_chars: int = 20
    http_timeout: float = 20.0
    user_agent: str = "tiewatch/0.1 (+https://github.com/tiewatch/tiewatch)"
    max_paragraph_chars: int = 5000
    near_duplicate_bits: int = 3
    document_timeout: float = 600.0
    batch_size: int = 32
    max_request_bytes: int = 6_000_000

    def with_overrides(self, **overrides: Any) -> Settings:
        """A copy with the given fields replaced (``None`` values are ignored)."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


def default_settings_text() -> str:
    return resources.files("tiewatch").joinpath("default_settings.toml").read_text("utf-8")


def load_settings(*, path: Path | None = None, env: Mapping[str, str] | None = None) -> Settings:
    """Defaults, then the TOML file at ``path``, then ``TIEWATCH_*`` variables in ``env``."""
    values: dict[str, Any] = tomllib.loads(default_settings_text())
    if path is not None:
        try:
            values.update(tomllib.loads(path.read_text("utf-8")))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise SettingsError(f"cannot read settings file {path}: {exc}") from exc
    for item in fields(Settings):
        raw = (env or {}).get(ENV_PREFIX + item.name.upper())
        if raw is not None:
            values[item.name] = raw
    return _build(values)


def _build(values: Mapping[str, Any]) -> Settings:
    known = {item.name: item for item in fields(Settings)}
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise SettingsError(f"unknown setting(s): {', '.join(unknown)}")
    converted: dict[str, Any] = {}
    for name, value in values.items():
        kind = type(getattr(Settings(), name))
        try:
            converted[name] = kind(value)
        except (TypeError, ValueError) as exc:
            raise SettingsError(f"setting {name}={value!r} is not a {kind.__name__}") from exc
    return Settings(**converted)
