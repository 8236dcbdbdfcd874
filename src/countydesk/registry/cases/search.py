"""Cases in full-text search, for every signed-in reader."""


def document(case):
    return {"title": case.title, "body": f"{case.place}\n{case.summary}\n{case.lessons}", "url": f"/cases/{case.pk}/"}
