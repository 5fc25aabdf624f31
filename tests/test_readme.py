"""README's API examples run as written, with curl, against the quickstart data, and return what the text says."""

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command, get_commands, load_command_class
from rest_framework.authtoken.models import Token

from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
# a command as README gives it, in a block or inline: the program and the rest of its line
COMMAND = re.compile(r"python (manage\.py [a-z_]+|benchmarks/[a-z_]+\.py)([^`\n#]*)")


def _commands() -> list[str]:
    """The commands of the REST API section's example block, one a string (continued lines joined)."""
    block = README.split("## The REST API", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    return [command.strip() for command in block.replace("\\\n", " ").splitlines() if command.strip()]


@pytest.fixture
def run(live_server, settings, tmp_path):
    """Runs a README command in bash, with the quickstart's data and settings and a user's $TOKEN; gives (HTTP
    status, body)."""
    call_command("quickstart", no_serve=True, stdout=io.StringIO(), stderr=io.StringIO())
    settings.CLAIMTRACK_ANONYMOUS_READ = True  # as the quickstart serves
    token = Token.objects.create(user=UserFactory(username="reader")).key
    (tmp_path / ".curlrc").write_text('silent\nwrite-out = "\\n%{http_code}"\n')  # the status, the command untouched
    setup = next(command for command in _commands() if command.startswith("API="))  # the served address: the test's
    setup = setup.replace("http://127.0.0.1:8000", live_server.url)

    def run(command: str) -> tuple[int, str]:
        result = subprocess.run(["bash", "-c", f"{setup}\n{command}"], capture_output=True, text=True, timeout=60,
                                env={"PATH": "/usr/bin:/bin", "CURL_HOME": str(tmp_path), "TOKEN": token,
                                     "LANG": "C.UTF-8", "no_proxy": "*"})
        assert result.returncode == 0, (command, result.stderr)
        body, status = result.stdout.rsplit("\n", 1)
        return int(status), body

    return run


@pytest.mark.django_db(transaction=True)
def test_every_api_example_in_readme_runs_and_finds_what_it_says(run):
    commands = [command for command in _commands() if command.startswith("curl")]
    assert len(commands) == 6
    answers = []
    for command in commands:
        status, body = run(command)
        assert status == 200, (command, body[:300])
        answers.append(body)
    hosts, participants, conflicts, search, export, largest = answers
    hosts = json.loads(hosts)["results"]
    assert hosts and all({"infected", "hosts"} <= set(claim["unit"].lower().split()) for claim in hosts)
    assert json.loads(participants)["results"]
    assert json.loads(conflicts)["results"]
    quotes = [claim["quote"] + claim["paraphrase"] for claim in json.loads(search)["results"]]
    assert any("网络安全" in quote for quote in quotes) and any("網絡安全" in quote for quote in quotes)
    rows = list(csv.DictReader(io.StringIO(export.lstrip("\ufeff"))))
    assert rows and {row["kind"] for row in rows} == {"figure"}
    largest = json.loads(largest)
    values = [claim["value"] for claim in largest["results"]]  # nulls first, as descending puts them
    known = [value for value in values if value is not None]
    assert len(values) == 5 and values == [None] * (5 - len(known)) + sorted(known, reverse=True)
    assert "cursor=" in largest["next"] and "ordering=-value" in largest["next"]


def _options(program: str) -> str:
    """The --help text of a command or a benchmark."""
    if program.startswith("manage.py"):
        name = program.split()[1]
        return load_command_class(get_commands()[name], name).create_parser("manage.py", name).format_help()
    result = subprocess.run([sys.executable, program, "--help"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_every_option_readme_gives_a_command_is_one_it_takes():
    commands = [(match[1], match[2]) for match in COMMAND.finditer(README)]
    assert len(commands) > 10
    helps = {program: _options(program) for program in {program for program, _ in commands}}
    for program, rest in commands:
        for option in re.findall(r"--[a-z][a-z-]*", rest):
            assert re.search(rf"{option}\b", helps[program]), (program, option)
