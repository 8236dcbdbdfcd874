"""Trends drawn as inline SVG bar charts (no script, no CDN): the data `core/bars.html` draws."""


def bars(pairs, width: int = 360) -> dict:
    """Data for the inline SVG bar chart: [(label, value, bar width, y)] scaled to the largest value."""
    pairs = list(pairs)
    top = max((v for _, v in pairs), default=0) or 1
    return {"rows": [(label, value, round(width * value / top), i * 22) for i, (label, value) in enumerate(pairs)],
            "height": 22 * len(pairs), "width": width}
