"""Every option of every command and benchmark is described by its --help."""

import argparse
import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import claims.management.commands

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = [module.name for module in pkgutil.iter_modules(claims.management.commands.__path__)]
BENCHMARKS = sorted(path for path in (ROOT / "benchmarks").glob("*.py") if "add_argument" in path.read_text())


def _undescribed(parser: argparse.ArgumentParser) -> list[str]:
    return [action.option_strings[0] if action.option_strings else action.dest
            for action in parser._actions if not action.help]


@pytest.mark.parametrize("name", COMMANDS)
def test_every_option_of_every_command_is_described(name):
    command = importlib.import_module(f"claims.management.commands.{name}").Command()
    assert command.help
    assert _undescribed(command.create_parser("manage.py", name)) == []


# runs a benchmark as a script until it parses its arguments, then prints the options that have no help
UNDESCRIBED = """
import argparse, runpy, sys
def parse_args(parser, *args, **kwargs):
    print([a.option_strings[0] if a.option_strings else a.dest for a in parser._actions if not a.help])
    sys.exit(0)
argparse.ArgumentParser.parse_args = parse_args
runpy.run_path(sys.argv[1], run_name="__main__")
"""


@pytest.mark.parametrize("path", BENCHMARKS, ids=lambda path: path.stem)
def test_every_option_of_every_benchmark_is_described(path):
    result = subprocess.run([sys.executable, "-c", UNDESCRIBED, str(path)], capture_output=True, text=True, cwd=ROOT,
                            timeout=120)
    assert (result.returncode, result.stdout.strip()) == (0, "[]"), result.stderr
