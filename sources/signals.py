"""What sources/ tells the rest of the project, without knowing who listens (it never imports claims/)."""

from django.dispatch import Signal

# Sent once a newly stored article's transaction has committed; argument: article_id.
article_stored = Signal()
