"""The full-text index (全文检索): one row per searchable record of any app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    """A searchable copy of a record. `tokens` is textkit.search_tokens of title and body;
    the database's own full-text index (SQLite FTS5 / PostgreSQL tsvector) is kept over it."""

    kind = models.CharField(max_length=40)
    object_id = models.CharField(max_length=64)
    unit = models.ForeignKey("orgs.Unit", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    public = models.BooleanField(default=False)
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    tokens = models.TextField(blank=True)
    url = models.CharField(max_length=300, blank=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_document_unique")]

    def __str__(self):
        return f"{self.kind}:{self.object_id} {self.title}"
