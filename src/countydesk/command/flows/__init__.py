"""Command state machines (core.workflow), one table per workflow object and module."""
