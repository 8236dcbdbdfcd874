"""The command page's plug-in points (指挥调度台的面板与图层): each feature adds a panel (a template drawn with
its own context) and map layers (GeoJSON features), so the page grows without its template being edited.

    register_panel("orders", "command/panels/orders.html", orders_context, order=20)
    register_map_layer("teams", team_features, label=_("Ordered teams"), color="#1565c0")

A panel's `context_fn(request, incident)` returns the dict its template reads (or None: no panel for this
viewer). A layer's `fn(incident)` (or `fn(incident, user)` when it shows what a viewer may see) returns a list
of GeoJSON features."""

import inspect
from dataclasses import dataclass
from typing import Any, Callable

from django.template.loader import render_to_string


@dataclass(frozen=True)
class Panel:
    name: str
    template: str
    context: Callable
    order: int = 100


@dataclass(frozen=True)
class MapLayer:
    name: str
    features: Callable
    label: Any = ""
    color: str = "#555"
    order: int = 100

    def for_viewer(self, incident, user) -> list:
        takes_user = len(inspect.signature(self.features).parameters) > 1
        return list(self.features(incident, user) if takes_user else self.features(incident))


PANELS: dict[str, Panel] = {}
MAP_LAYERS: dict[str, MapLayer] = {}


def register_panel(name: str, template: str, context_fn: Callable, order: int = 100) -> Panel:
    PANELS[name] = panel = Panel(name, template, context_fn, order)
    return panel


def register_map_layer(name: str, fn: Callable, *, label: Any = "", color: str = "#555", order: int = 100) -> MapLayer:
    MAP_LAYERS[name] = layer = MapLayer(name, fn, label or name, color, order)
    return layer


def panels() -> list[Panel]:
    return sorted(PANELS.values(), key=lambda p: (p.order, p.name))


def layers() -> list[MapLayer]:
    return sorted(MAP_LAYERS.values(), key=lambda m: (m.order, m.name))


def rendered_panels(request, incident) -> dict[str, str]:
    """Each panel's HTML for this viewer, in page order (panels whose context is None are left out)."""
    out = {}
    for panel in panels():
        context = panel.context(request, incident)
        if context is not None:
            out[panel.name] = render_to_string(panel.template, {"incident": incident, **context}, request=request)
    return out


def map_data(incident, user) -> dict:
    """{layer name: FeatureCollection} for the viewer."""
    return {layer.name: {"type": "FeatureCollection", "features": layer.for_viewer(incident, user)}
            for layer in layers()}
