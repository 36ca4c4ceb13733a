"""A one-hidden-layer perceptron in numpy: trained here in seconds to minutes, small enough to commit.

Used by the news stance model and the relevance gate (corroboration.stance, corroboration.relevance).
Inference is two matrix products; the weights are stored in float16 with their standardisation.
"""

import json
from pathlib import Path

import numpy as np


def _softmax(a: np.ndarray) -> np.ndarray:
    a = a - a.max(axis=-1, keepdims=True)
    e = np.exp(a)
    return e / e.sum(axis=-1, keepdims=True)


class Mlp:
    def __init__(self, w1, b1, w2, b2, mean, scale, meta: dict | None = None):
        self.w1, self.b1, self.w2, self.b2 = w1, b1, w2, b2
        self.mean, self.scale = mean, scale
        self.meta = meta or {}

    @property
    def n_features(self) -> int:
        return int(self.w1.shape[0])

    @classmethod
    def fit(
        cls,
        x: np.ndarray,
        y: np.ndarray,
        *,
        classes: int,
        hidden: int = 64,
        epochs: int = 30,
        batch: int = 128,
        lr: float = 1e-3,
        weight_decay: float = 1e-4,
        dropout: float = 0.2,
        class_weight: float = 0.5,
        sample_weight: np.ndarray | None = None,
        seed: int = 0,
        log=None,
    ) -> "Mlp":
        """Adam on cross-entropy; classes weighted by (inverse frequency) ** class_weight."""
        rng = np.random.default_rng(seed)
        mean = x.mean(axis=0)
        scale = x.std(axis=0) + 1e-4
        z = ((x - mean) / scale).astype(np.float32)
        n, d = z.shape
        counts = np.bincount(y, minlength=classes).astype(np.float64)
        cw = (n / (classes * np.maximum(counts, 1))) ** class_weight
        sw = cw[y] * (sample_weight if sample_weight is not None else 1.0)
        sw = (sw / sw.mean()).astype(np.float32)
        params = {
            "w1": (rng.standard_normal((d, hidden)) * np.sqrt(2.0 / d)).astype(np.float32),
            "b1": np.zeros(hidden, np.float32),
            "w2": (rng.standard_normal((hidden, classes)) * np.sqrt(1.0 / hidden)).astype(np.float32),
            "b2": np.zeros(classes, np.float32),
        }
        m = {k: np.zeros_like(v) for k, v in params.items()}
        v2 = {k: np.zeros_like(v) for k, v in params.items()}
        onehot = np.eye(classes, dtype=np.float32)[y]
        step = 0
        for epoch in range(epochs):
            order = rng.permutation(n)
            total = 0.0
            for i in range(0, n, batch):
                idx = order[i : i + batch]
                xb, yb, wb = z[idx], onehot[idx], sw[idx]
                h_pre = xb @ params["w1"] + params["b1"]
                h = np.maximum(h_pre, 0)
                if dropout:
                    mask = (rng.random(h.shape) >= dropout).astype(np.float32) / (1 - dropout)
                    h = h * mask
                p = _softmax(h @ params["w2"] + params["b2"])
                total += float(-(wb * np.log(np.maximum((p * yb).sum(1), 1e-9))).sum())
                g_out = (p - yb) * wb[:, None] / len(idx)
                grads = {"w2": h.T @ g_out, "b2": g_out.sum(0)}
                g_h = g_out @ params["w2"].T
                if dropout:
                    g_h = g_h * mask
                g_h = g_h * (h_pre > 0)
                grads["w1"] = xb.T @ g_h
                grads["b1"] = g_h.sum(0)
                step += 1
                for k in params:
                    g = grads[k] + (weight_decay * params[k] if k.startswith("w") else 0.0)
                    m[k] = 0.9 * m[k] + 0.1 * g
                    v2[k] = 0.999 * v2[k] + 0.001 * g * g
                    mh = m[k] / (1 - 0.9**step)
                    vh = v2[k] / (1 - 0.999**step)
                    params[k] -= lr * mh / (np.sqrt(vh) + 1e-8)
            if log:
                log(f"    epoch {epoch + 1}/{epochs} loss {total / n:.4f}")
        return cls(params["w1"], params["b1"], params["w2"], params["b2"], mean, scale)

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        z = (np.atleast_2d(x) - self.mean) / self.scale
        h = np.maximum(z @ self.w1 + self.b1, 0)
        return _softmax(h @ self.w2 + self.b2)

    def save(self, path: Path) -> None:
        half = {k: np.asarray(getattr(self, k), dtype=np.float16) for k in ("w1", "b1", "w2", "b2")}
        np.savez_compressed(
            path,
            **half,
            mean=self.mean.astype(np.float32),
            scale=self.scale.astype(np.float32),
            meta=json.dumps(self.meta),
        )

    @classmethod
    def load(cls, path: Path) -> "Mlp":
        data = np.load(path)
        f = {k: data[k].astype(np.float32) for k in ("w1", "b1", "w2", "b2", "mean", "scale")}
        return cls(f["w1"], f["b1"], f["w2"], f["b2"], f["mean"], f["scale"], json.loads(str(data["meta"])))
