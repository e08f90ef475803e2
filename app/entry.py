"""The ``wirediff`` command's entry point (pyproject.toml's ``[project.scripts]``).

The command's modules read the settings as they load (the task queue is named by one), so an
environment variable that does not parse would stop every command with a traceback before the
command line is even read. Here it is a message naming the variable, and exit status 2, the
status of any other usage error.
"""

from __future__ import annotations

import sys

from pydantic import ValidationError

from app.config import Settings, invalid_settings

__all__ = ["main"]


def main() -> None:
    try:
        from app.cli import main as run

        run()
    except ValidationError as error:
        if error.title != Settings.__name__:
            raise
        lines = invalid_settings(error)
        sys.stderr.write("".join(f"wirediff: invalid setting: {line}\n" for line in lines))
        raise SystemExit(2) from None
