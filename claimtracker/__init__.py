import os

# One BLAS thread per process, set before numpy is first imported (OpenBLAS reads it when it loads).
# Workers scale by processes (Celery's prefork pool, gunicorn's workers); OpenBLAS's own threads on top
# of that fight over the same cores: on a loaded 2-core box, matching one article against 10k claims
# took 5x longer with the default thread pool (docs/benchmarks.md). CLAIMTRACKER_BLAS_THREADS overrides.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, os.environ.get("CLAIMTRACKER_BLAS_THREADS", "1"))

from .celery import app as celery_app  # noqa: E402

__all__ = ("celery_app",)
