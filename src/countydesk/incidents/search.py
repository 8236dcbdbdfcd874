"""Incidents in full-text search, scoped to their township (county-wide roles see all)."""


def document(incident):
    return {"title": incident.title, "body": f"{incident.address}\n{incident.description}",
            "unit": incident.township, "url": f"/incidents/{incident.pk}/"}
