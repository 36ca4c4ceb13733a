"""Set Django up for a benchmark run as `python -m bench.NAME`; import it before any model.

`from bench import django_env` sorts first among the project's imports (ruff's isort), so every
model import below it finds the apps ready. Benchmarks point it elsewhere with the environment.
"""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claimtracker.settings")
os.environ.setdefault("CLAIMTRACKER_DATA_DIR", "/tmp/claimtracker-bench")
django.setup()
