"""The fitted models shipped beside the engine: plain JSON, each fitted by a script in
``benchmarks/`` and read here, checked against the features the engine computes."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

__all__ = ["read_model"]


def read_model(file_name: str, features: tuple[str, ...]) -> dict[str, Any]:
    """The model in ``app/engine/<file_name>``; a ValueError when its features are not ``features``
    in that order (a model fitted on other inputs would weigh the wrong numbers)."""
    text = resources.files("app.engine").joinpath(file_name).read_text(encoding="utf-8")
    model: dict[str, Any] = json.loads(text)
    if tuple(model["features"]) != features:
        raise ValueError(f"{file_name} does not match the engine's features")
    return model
