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


def start_ephemeral_cluster() -> str:
    """Initialise and start a cluster in a temporary directory; return its DATABASE_URL."""
    bindir = find_bindir()
    as_postgres = os.geteuid() == 0
    root = Path(tempfile.mkdtemp(prefix="claimtrack-pg-"))
    data, socket_dir = root / "data", root / "socket"
    socket_dir.mkdir()
    if as_postgres:
        shutil.chown(root, "postgres")
        shutil.chown(socket_dir, "postgres")
        os.chmod(root, 0o755)

    def cleanup() -> None:
        if (data / "postmaster.pid").exists():
            subprocess.run(
                (["runuser", "-u", "postgres", "--"] if as_postgres else [])
                + [str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
                capture_output=True,
            )
        shutil.rmtree(root, ignore_errors=True)

    atexit.register(cleanup)
    user = "postgres"
    _run([str(bindir / "initdb"), "-D", str(data), "-U", user, "--auth=trust", "-E", "UTF8",
          "--locale=C.UTF-8", "--no-sync"], as_postgres)
    _run([str(bindir / "pg_ctl"), "-D", str(data), "-w", "-l", str(root / "server.log"),
          "-o", f"{SERVER_OPTIONS} -k {socket_dir}", "start"], as_postgres)
    return f"postgresql://{user}@{quote(str(socket_dir), safe='')}/postgres"
