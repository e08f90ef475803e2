"""The engine is a library: no web framework, no database."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_engine_loads_neither_fastapi_nor_sqlmodel() -> None:
    code = (
        "import sys; from app.engine import compare; compare('A b c.', 'A b c.');"
        "print(sorted(m for m in ('fastapi', 'sqlmodel', 'sqlalchemy', 'starlette') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.strip() == "[]"
