"""The depot layer of the emergency map: GeoJSON of the depots the caller may see."""

from countydesk.geo import parse_points
from countydesk.registry.supplies.models import Depot


def test_depot_layer_is_valid_geojson(api_as):
    data = api_as("yingjiban").get("/api/geo/depots").json()
    points = parse_points(data)
    assert len(points) == Depot.objects.filter(active=True).exclude(lat=None).count() >= 25
    assert all(props["url"].startswith("/supplies/depots/") and props["name"] for _, _, props in points)
    government = api_as("yingjiban").get("/api/geo/depots?kind=government").json()["features"]
    assert 0 < len(government) < len(points)


def test_depot_layer_is_scoped_and_needs_sign_in(api_as, client):
    own = api_as("chengguan_ld").get("/api/geo/depots").json()["features"]
    assert own and all(f["properties"]["unit"] == "城关镇" for f in own)
    assert client.get("/api/geo/depots").status_code == 401
