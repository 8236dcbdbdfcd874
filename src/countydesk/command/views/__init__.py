"""Command pages: the command page per incident (指挥调度台), the list of active incidents, the team leader's
orders page."""
