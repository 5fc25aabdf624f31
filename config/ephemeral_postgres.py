"""Start a throwaway PostgreSQL cluster on a Unix socket for one test run, and remove it at exit.

Used by the test settings when DATABASE_URL is unset. PostgreSQL refuses to run as root, so as root
the server runs as the `postgres` system user (through runuser) on a directory that user owns.
"""

from __future__ import annotations

import atexit
import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import quote

SERVER_OPTIONS = (
    "-c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off "
    "-c max_connections=50"
)


class ClusterError(RuntimeError):
    """The throwaway PostgreSQL cluster could not be started."""


def find_bindir() -> Path:
    """Directory holding initdb and pg_ctl: PG_BINDIR, else PATH, else the newest /usr/lib/postgresql/N/bin."""
    if os.environ.get("PG_BINDIR"):
        return Path(os.environ["PG_BINDIR"])
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).resolve().parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name))
    if candidates:
        return Path(candidates[-1])
    raise ClusterError(
        "DATABASE_URL is unset and no PostgreSQL server binaries (initdb) were found; "
        "install postgresql (apt-get install postgresql) or set DATABASE_URL"
    )


def _run(cmd: list[str], as_postgres: bool) -> None:
    if as_postgres:
        cmd = ["runuser", "-u", "postgres", "--", *cmd]
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0:
        raise ClusterError(f"{' '.join(cmd)} failed:\n{result.stdout}{result.stderr}")


class Cluster:
    """A throwaway cluster in a temporary directory, on a Unix socket only; removed at exit."""

    def __init__(self, prefix: str = "claimtrack-pg-"):
        self.bindir = find_bindir()
        self.as_postgres = os.geteuid() == 0
        self.root = Path(tempfile.mkdtemp(prefix=prefix))
        self.data, self.socket_dir = self.root / "data", self.root / "socket"
        self.socket_dir.mkdir()
        if self.as_postgres:
            shutil.chown(self.root, "postgres")
            shutil.chown(self.socket_dir, "postgres")
            os.chmod(self.root, 0o755)
        atexit.register(self.remove)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@{quote(str(self.socket_dir), safe='')}/{database}"

    def run(self, *cmd: str) -> None:
        _run([str(self.bindir / cmd[0]), *cmd[1:]], self.as_postgres)

    def init(self) -> "Cluster":
        self.run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                 "--locale=C.UTF-8", "--no-sync")
        return self

    def start(self) -> "Cluster":
        self.run("pg_ctl", "-D", str(self.data), "-w", "-l", str(self.root / "server.log"),
                 "-o", f"{SERVER_OPTIONS} -k {self.socket_dir}", "start")
        return self

    def remove(self) -> None:
        if (self.data / "postmaster.pid").exists():
            subprocess.run((["runuser", "-u", "postgres", "--"] if self.as_postgres else [])
                           + [str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"],
                           capture_output=True)
        shutil.rmtree(self.root, ignore_errors=True)


def start_replica(primary: Cluster) -> Cluster:
    """A streaming replica of `primary` (pg_basebackup -R over the primary's socket), started."""
    replica = Cluster(prefix="claimtrack-replica-")
    replica.run("pg_basebackup", "-h", str(primary.socket_dir), "-U", "postgres", "-D", str(replica.data), "-R",
                "-X", "stream", "--no-sync", "--checkpoint=fast")
    return replica.start()


def start_ephemeral_cluster() -> str:
    """Initialise and start a cluster in a temporary directory; return its DATABASE_URL."""
    return Cluster().init().start().url()


def fresh_database(server_url: str | None, name: str) -> str:
    """Drop and create database `name` in the server of `server_url` (a throwaway cluster when None); its URL."""
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    parts = urlsplit(server_url or start_ephemeral_cluster())
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}"))
