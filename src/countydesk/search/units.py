"""Units in the search index (单位检索). Units are in the directory every signed-in user reads, so their
document has no unit scope."""


def document(unit) -> dict:
    body = "　".join(filter(None, [unit.get_kind_display(), unit.code, unit.address, unit.duty_phone]))
    return {"title": unit.name, "body": body, "url": f"/units/{unit.pk}/"}
