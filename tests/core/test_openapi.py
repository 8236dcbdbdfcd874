"""The OpenAPI document describes each endpoint with its own schemas: no two schema classes share a name."""

from collections import defaultdict

from pydantic import BaseModel

from countydesk.core.api import api


def _our_models(cls=BaseModel):
    for sub in cls.__subclasses__():
        if sub.__module__.startswith("countydesk."):
            yield sub
        yield from _our_models(sub)


def test_every_schema_component_has_one_class():
    components = set(api.get_openapi_schema()["components"]["schemas"])
    classes = defaultdict(set)
    for model in _our_models():
        if model.__name__ in components:
            classes[model.__name__].add(f"{model.__module__}.{model.__qualname__}")
    assert {name: sorted(paths) for name, paths in classes.items() if len(paths) > 1} == {}


def test_the_periodical_issues_are_documented_with_their_own_schema():
    schemas = api.get_openapi_schema()["components"]["schemas"]
    assert "plan_id" not in schemas["IssueOut"]["properties"]
    assert "plan_id" in schemas["CoverageIssueOut"]["properties"]
