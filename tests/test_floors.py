"""The floors, checked: a lower floor never imports a higher one. Each import runs in a fresh
interpreter, so that what one test loaded cannot hide what another module pulls in."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import app.engine
import app.services


def _modules_of(package: object) -> list[str]:
    path = [str(Path(p)) for p in package.__path__]  # type: ignore[attr-defined]
    prefix = f"{package.__name__}."  # type: ignore[attr-defined]
    return sorted([package.__name__, *(m.name for m in pkgutil.iter_modules(path, prefix))])  # type: ignore[attr-defined]


def _loaded_after_importing(modules: list[str]) -> set[str]:
    """Every module in sys.modules once ``modules`` are imported, in a fresh interpreter."""
    code = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(json.dumps(sorted(sys.modules)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return set(json.loads(out.stdout))


def _app_modules(loaded: set[str]) -> set[str]:
    return {name for name in loaded if name.startswith("app.")}


def _top_level(loaded: set[str]) -> set[str]:
    return {name.split(".")[0] for name in loaded}


def test_the_engine_imports_nothing_of_app_outside_the_engine() -> None:
    loaded = _loaded_after_importing(_modules_of(app.engine))
    assert {name for name in _app_modules(loaded) if not name.startswith("app.engine")} == set()


def test_the_engine_imports_no_web_framework_and_no_database() -> None:
    loaded = _top_level(_loaded_after_importing(_modules_of(app.engine)))
    assert loaded & {"fastapi", "starlette", "sqlmodel", "sqlalchemy", "httpx"} == set()


def test_the_services_import_no_web_framework() -> None:
    loaded = _top_level(_loaded_after_importing(_modules_of(app.services)))
    assert loaded & {"fastapi", "starlette"} == set()


def test_the_services_import_neither_the_api_nor_the_dashboard_nor_the_cli() -> None:
    loaded = _app_modules(_loaded_after_importing(_modules_of(app.services)))
    above = ("app.api", "app.ui", "app.cli", "app.main")
    assert {name for name in loaded if name.startswith(above)} == set()


def test_crud_imports_no_engine_and_no_service() -> None:
    loaded = _app_modules(_loaded_after_importing(["app.crud"]))
    assert loaded == {"app.crud", "app.models", "app.urls"}


def test_the_urls_module_is_a_floor_of_its_own() -> None:
    # what the store keys a URL by, below crud and the services that read feeds
    assert _app_modules(_loaded_after_importing(["app.urls"])) == {"app.urls"}


def test_the_schemas_import_no_service_and_nothing_above() -> None:
    loaded = _app_modules(_loaded_after_importing(["app.schemas"]))
    above = ("app.services", "app.api", "app.ui", "app.cli", "app.main")
    assert {name for name in loaded if name.startswith(above)} == set()
