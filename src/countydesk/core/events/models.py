"""Live updates kept a short while (core.events)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Event(models.Model):
    """One published live update (实时推送), kept a short while so that a reconnecting page can resume."""

    topic = models.CharField(max_length=80)
    # The path of the unit the change belongs to ("" = every subscriber of the topic may see it).
    unit_path = models.CharField(max_length=255, blank=True, default="")
    data = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("live update event")
        verbose_name_plural = _("live update events")
        indexes = [models.Index(fields=["topic", "id"], name="core_event_topic_id")]

    def message(self) -> dict:
        return {"id": self.pk, "topic": self.topic, "unit": self.unit_path, "data": self.data}
