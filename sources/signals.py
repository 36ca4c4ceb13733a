"""What sources/ tells the rest of the project, without knowing who listens (it never imports claims/)."""

from django.dispatch import Signal

# Sent once a newly stored article's transaction has committed; argument: article_id.
article_stored = Signal()

# Sent once fetch rows are committed and due to run; argument: jobs, a list of (job, fetch_id) where
# job is FETCH_JOB_RUN (download) or FETCH_JOB_EXTRACT (parse a fetched page). sources.receivers queues them.
FETCH_JOB_RUN = "run"
FETCH_JOB_EXTRACT = "extract"
fetches_ready = Signal()
