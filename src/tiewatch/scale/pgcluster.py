"""A throwaway PostgreSQL 15 cluster for the tests (``tests/conftest.py``) and ``make bench``.

Not used by the ``tiewatch`` command. The cluster lives in a temporary folder owned by
``postgres`` (initdb refuses to run as root), listens on 127.0.0.1 and a free port, trusts
every local connection, and is stopped and deleted when done (``stop()``).
"""

from __future__ import annotations

import itertools
import logging
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

logger = logging.getLogger(__name__)

PG_BIN = Path("/usr/lib/postgresql/15/bin")
PG_USER = "postgres"
START_TIMEOUT_S = 60


class ClusterUnavailableError(RuntimeError):
    """The cluster cannot run here; the message says why."""


def unavailable_reason() -> str | None:
    """Why a cluster cannot be started on this machine, or ``None`` if it can."""
    missing = [name for name in ("initdb", "pg_ctl") if not (PG_BIN / name).is_file()]
    if missing:
        return f"PostgreSQL 15 binaries not found in {PG_BIN}: {', '.join(missing)}"
    if shutil.which("runuser") is None:
        return "runuser is not installed (needed to run initdb as postgres)"
    if os.geteuid() != 0:
        return "not running as root (needed to run the cluster as user postgres)"
    try:
        pwd.getpwnam(PG_USER)
    except KeyError:
        return f"no {PG_USER!r} system user"
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg 3 is not installed"
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class PgCluster:
    """One running cluster; create it with ``PgCluster.start()``."""

    root: Path
    port: int
    _counter: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def log_file(self) -> Path:
        return self.root / "postgres.log"

    @classmethod
    def start(cls) -> PgCluster:
        root = Path(tempfile.mkdtemp(prefix="tiewatch-pg-"))
        cluster = cls(root=root, port=free_port())
        try:
            cluster._init()
            cluster._run_pg_ctl("start", "-w", "-t", str(START_TIMEOUT_S), *cluster._start_args())
        except (OSError, subprocess.SubprocessError) as exc:
            log = cluster._log_tail()
            cluster.remove()
            raise ClusterUnavailableError(f"cannot start PostgreSQL: {exc}\n{log}") from exc
        logger.info("throwaway PostgreSQL on 127.0.0.1:%d in %s", cluster.port, root)
        return cluster

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{PG_USER}@127.0.0.1:{self.port}/{database}"

    def create_database(self) -> str:
        """A new empty database; returns its name."""
        name = f"test_{next(self._counter)}"
        self._admin(f'CREATE DATABASE "{name}"')
        return name

    def drop_database(self, name: str) -> None:
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        try:
            self._run_pg_ctl("stop", "-m", "fast", "-w")
        finally:
            self.remove()

    def remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def _init(self) -> None:
        self.data_dir.mkdir()
        for path in (self.root, self.data_dir):
            shutil.chown(path, user=PG_USER, group=PG_USER)
        # Fixed encoding and locale: the machine's locale must not change test results.
        _run_as_postgres(
            [
                *(str(PG_BIN / "initdb"), "-D", str(self.data_dir)),
                *("-A", "trust", "-U", PG_USER, "-E", "UTF8", "--locale=C", "--no-sync"),
            ],
            cwd=self.root,
        )

    def _start_args(self) -> list[str]:
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c full_page_writes=off -c synchronous_commit=off"
        )
        return ["-o", options, "-l", str(self.log_file)]

    def _run_pg_ctl(self, action: str, *args: str) -> None:
        _run_as_postgres(
            [str(PG_BIN / "pg_ctl"), "-D", str(self.data_dir), action, *args], cwd=self.root
        )

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(sql.encode())

    def _log_tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self.log_file.read_text("utf-8").splitlines()[-lines:])
        except OSError:
            return "(no server log)"


def _run_as_postgres(command: list[str], *, cwd: Path) -> None:
    completed = subprocess.run(
        ["runuser", "-u", PG_USER, "--", *command],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=START_TIMEOUT_S + 30,
        check=False,
    )
    if completed.returncode != 0:
        raise subprocess.SubprocessError(
            f"{' '.join(command)} exited with {completed.returncode}: {completed.stderr.strip()}"
        )
