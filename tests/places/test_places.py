import json

import pytest
from django.test import Client

from countydesk.base.errors import Forbidden
from countydesk.geo import haversine_km, parse_points
from countydesk.orgs.models import Unit
from countydesk.registry.places import services
from countydesk.registry.places.models import ProtectedTarget, Shelter
from countydesk.search.models import SearchDocument

pytestmark = pytest.mark.django_db


def test_demo_places():
    assert Shelter.objects.count() == 60 and ProtectedTarget.objects.count() == 200
    assert Shelter.objects.filter(status="closed").exists()
    assert SearchDocument.objects.filter(kind="shelter", public=True).count() == 60


def test_nearest_matches_brute_force_and_skips_closed():
    town = Unit.objects.get(name="青山镇")
    found = services.nearest_open_shelters(town.lat, town.lon, 5)
    brute = sorted((haversine_km(town.lat, town.lon, s.lat, s.lon), s.pk)
                   for s in Shelter.objects.filter(status="open"))[:5]
    assert [n.shelter.pk for n in found] == [pk for _, pk in brute]
    assert all(n.shelter.status == "open" for n in found)


def test_index_is_rebuilt_when_a_shelter_changes(user):
    town = Unit.objects.get(name="青山镇")
    nearest = services.nearest_open_shelters(town.lat, town.lon, 1)[0].shelter
    services.do_update_shelter(user("admin"), nearest, status="closed")
    assert services.nearest_open_shelters(town.lat, town.lon, 1)[0].shelter.pk != nearest.pk
    new = services.do_create_shelter(user("admin"), name="青山镇临时安置点", unit=town, capacity=100,
                                     lat=town.lat, lon=town.lon)
    assert services.nearest_open_shelters(town.lat, town.lon, 1)[0].shelter.pk == new.pk


def test_public_page_without_sign_in_by_place_name():
    response = Client().get("/places/shelters/nearest/", {"q": "青山"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "离青山镇最近" in page and page.count("<li>") == 5 and "公里" in page


def test_public_page_by_coordinates_and_bad_input():
    town = Unit.objects.get(name="白沙镇")
    assert Client().get("/places/shelters/nearest/", {"lat": town.lat, "lon": town.lon}).status_code == 200
    bad = Client().get("/places/shelters/nearest/", {"lat": 200, "lon": 10})
    assert bad.status_code == 200 and "<ol" not in bad.content.decode()
    unknown = Client().get("/places/shelters/nearest/", {"q": "不存在的地方"}).content.decode()
    assert "<ol" not in unknown


def test_public_sees_shelters_only():
    client = Client()
    assert client.get("/places/shelters/").status_code == 302
    assert client.get("/places/map/").status_code == 302
    assert client.get("/api/geo/shelters").status_code == 401
    assert client.get("/api/geo/hazards").status_code == 401


def test_public_page_is_light(django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        response = Client().get("/places/shelters/nearest/", {"q": "城关"})
    assert len(response.content) < 20_000 and b"leaflet" not in response.content


def test_nearest_api(api_as):
    town = Unit.objects.get(name="城关镇")
    rows = api_as("qingshan_xxy").get(f"/api/places/shelters/nearest?lat={town.lat}&lon={town.lon}").json()
    assert len(rows) == 5 and [r["km"] for r in rows] == sorted(r["km"] for r in rows)
    assert api_as("qingshan_xxy").get("/api/places/shelters/nearest?lat=91&lon=0").status_code == 422


@pytest.mark.parametrize("layer, model", [("shelters", Shelter), ("targets", ProtectedTarget)])
def test_geojson_layers_are_valid(api_as, layer, model):
    data = api_as("qingshan_xxy").get(f"/api/geo/{layer}").json()
    points = parse_points(data)
    assert len(points) == model.objects.exclude(lat=None).count()
    assert all("name" in props and "url" in props for _, _, props in points)


@pytest.mark.parametrize("username, unit_name, allowed", [
    ("yingjiban", "青山镇", True), ("chengguan_ld", "城关镇", True), ("chengguan_ld", "青山镇", False),
    ("duizhang", "县消防救援大队", False), ("qingshan_xxy", "青山镇", False),
])
def test_who_may_create_a_shelter(user, username, unit_name, allowed):
    unit = Unit.objects.get(name=unit_name)
    fields = {"name": "测试避难场所", "unit": unit, "capacity": 50}
    if allowed:
        assert services.do_create_shelter(user(username), **fields).pk
    else:
        with pytest.raises(Forbidden):
            services.do_create_shelter(user(username), **fields)


def test_shelter_api_create_and_bad_input(api_as):
    unit = Unit.objects.get(name="城关镇")
    client = api_as("chengguan_ld")
    body = {"name": "城关镇二中避难场所", "unit_id": unit.pk, "capacity": 500, "lat": 29.1, "lon": 114.6}
    response = client.post("/api/places/shelters", json.dumps(body), content_type="application/json")
    assert response.status_code == 201
    count = Shelter.objects.count()
    bad = client.post("/api/places/shelters", json.dumps(body | {"lon": None}), content_type="application/json")
    assert bad.status_code == 422 and Shelter.objects.count() == count


def test_pages(client_as):
    client = client_as("yingjiban")
    shelter = Shelter.objects.first()
    target = ProtectedTarget.objects.first()
    for url in ["/places/shelters/", "/places/targets/", "/places/map/", "/places/shelters/new/",
                f"/places/shelters/{shelter.pk}/", f"/places/shelters/{shelter.pk}/edit/",
                f"/places/targets/{target.pk}/edit/", "/places/targets/new/"]:
        assert client.get(url).status_code == 200, url


def test_map_page_is_offline_by_default(client_as, settings):
    page = client_as("zhiban").get("/places/map/").content.decode()
    assert 'data-tiles=""' in page and "/places/leaflet/leaflet.js" in page and "http" not in page.split("<main>")[1]
    settings.MAP_TILE_URL = "/tiles/{z}/{x}/{y}.png"
    assert "/tiles/{z}/{x}/{y}.png" in client_as("zhiban").get("/places/map/").content.decode()


def test_leaflet_assets_are_served_locally():
    response = Client().get("/places/leaflet/leaflet.js")
    assert response.status_code == 200 and b"Leaflet" in b"".join(response.streaming_content)
    assert Client().get("/places/leaflet/../../settings.py").status_code == 404
    assert Client().get("/places/leaflet/leaflet-src.js.map").status_code == 404


@pytest.mark.parametrize("url", ["/places/shelters/", "/places/targets/"])
def test_list_query_counts_are_pinned(client_as, django_assert_max_num_queries, url):
    client = client_as("yingjiban")
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200
