"""The emergency map's data: the demo county's boundaries, the open-incident layer scoped per role, the page."""

import pytest

from countydesk.audit.models import AuditEvent
from countydesk.base.errors import Forbidden, ValidationFailed
from countydesk.demo.data import TOWNSHIPS
from countydesk.geo import check_polygon
from countydesk.incidents.access import incidents_for
from countydesk.incidents.choices import OPEN_STATUSES
from countydesk.orgs.models import Unit
from countydesk.registry.places import services
from countydesk.registry.places.models import Boundary

pytestmark = pytest.mark.django_db


def test_demo_county_has_a_boundary_for_itself_and_every_township(api_as):
    data = api_as("yingjiban").get("/api/geo/boundaries").json()
    by_name = {f["properties"]["name"]: f for f in data["features"]}
    assert set(TOWNSHIPS) | {"云溪县"} == set(by_name)
    for name in TOWNSHIPS:
        check_polygon(by_name[name]["geometry"])
        assert by_name[name]["properties"]["level"] == "township"
    assert by_name["云溪县"]["properties"]["level"] == "government"


def test_each_township_seat_lies_in_its_own_boundary_only():
    def inside(lon, lat, ring):
        return all((x1 - x0) * (lat - y0) - (y1 - y0) * (lon - x0) >= 0 for (x0, y0), (x1, y1) in zip(ring, ring[1:]))

    rings = {b.unit.name: b.geometry["coordinates"][0] for b in Boundary.objects.select_related("unit")}
    for town in Unit.objects.filter(name__in=TOWNSHIPS):
        assert [name for name in TOWNSHIPS if inside(town.lon, town.lat, rings[name])] == [town.name]


def test_setting_a_boundary_is_audited_and_refuses_bad_input(user):
    town = Unit.objects.get(name="青山镇")
    ring = [[114.5, 29.0], [114.6, 29.0], [114.6, 29.1], [114.5, 29.0]]
    services.do_set_boundary(user("yingjiban"), town, {"type": "Polygon", "coordinates": [ring]})
    assert Boundary.objects.get(unit=town).geometry["coordinates"] == [ring]
    assert AuditEvent.objects.filter(action="boundary.update").count() == 1
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationFailed):
        services.do_set_boundary(user("yingjiban"), town, {"type": "Polygon", "coordinates": [ring[:3]]})
    with pytest.raises(Forbidden):
        services.do_set_boundary(user("qingshan_xxy"), town, {"type": "Polygon", "coordinates": [ring]})
    assert Boundary.objects.get(unit=town).geometry["coordinates"] == [ring]
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize("name", ["yingjiban", "chengguan_ld", "qingshan_xxy", "fgj_xxy"])
def test_incident_layer_shows_the_open_incidents_the_role_sees(api_as, user, name):
    data = api_as(name).get("/api/geo/incidents").json()
    expected = incidents_for(user(name)).filter(status__in=OPEN_STATUSES, lat__isnull=False)
    assert sorted(f["id"] for f in data["features"]) == sorted(expected.values_list("pk", flat=True))
    for f in data["features"]:
        assert f["properties"]["url"] == f"/incidents/{f['id']}/" and f["properties"]["level_label"]


def test_incident_layer_is_county_wide_for_the_desk_and_own_township_for_a_township(api_as):
    everything = api_as("yingjiban").get("/api/geo/incidents").json()["features"]
    own = api_as("chengguan_ld").get("/api/geo/incidents").json()["features"]
    assert len(everything) > len(own) > 0
    assert {f["properties"]["unit"] for f in own} == {"城关镇"}


def test_map_page_lists_the_incident_layer_only_for_roles_that_see_incidents(client_as):
    assert b"/api/geo/incidents" in client_as("zhiban").get("/places/map/").content
    assert b"/api/geo/incidents" not in client_as("xinxike").get("/places/map/").content
