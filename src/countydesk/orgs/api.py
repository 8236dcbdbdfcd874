"""API for units, people and posts: thin, every change goes through orgs.services."""

from datetime import date
from typing import Annotated

from django.utils.translation import gettext as _
from ninja import Field, FilterSchema, Query, Router, Schema, Status
from ninja.filter_schema import FilterLookup
from ninja.pagination import paginate

from countydesk.accounts.scoping import get_scoped, scope
from countydesk.base.api import ErrorOut, NumberedPagination, Row, rows_for
from countydesk.base.errors import NotFound, ValidationFailed

from . import services
from .choices import PostKind, UnitKind
from .models import Person, Post, Unit

router = Router(tags=["units and people"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 413: ErrorOut, 422: ErrorOut}


class UnitOut(Row):
    id: int
    name: str
    short_name: str
    kind: UnitKind
    code: str
    parent_id: int | None
    depth: int
    key_liaison: bool
    duty_phone: str
    address: str
    lat: float | None
    lon: float | None
    active: bool


class UnitIn(Schema):
    name: str = Field(..., min_length=1, max_length=100)
    short_name: str = Field("", max_length=40)
    kind: UnitKind
    code: str = Field("", max_length=18)
    parent_id: int
    key_liaison: bool = False
    duty_phone: str = Field("", max_length=30)
    address: str = Field("", max_length=200)
    lat: float | None = Field(None, ge=-90, le=90)
    lon: float | None = Field(None, ge=-180, le=180)
    active: bool = True
    sort: int = Field(0, ge=0)


class UnitPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=100)
    short_name: str | None = Field(None, max_length=40)
    kind: UnitKind | None = None
    code: str | None = Field(None, max_length=18)
    parent_id: int | None = None
    key_liaison: bool | None = None
    duty_phone: str | None = Field(None, max_length=30)
    address: str | None = Field(None, max_length=200)
    lat: float | None = Field(None, ge=-90, le=90)
    lon: float | None = Field(None, ge=-180, le=180)
    active: bool | None = None
    sort: int | None = Field(None, ge=0)


class UnitFilter(FilterSchema):
    q: Annotated[str | None, FilterLookup(["name__icontains", "short_name__icontains", "code__startswith"])] = None
    kind: UnitKind | None = None
    parent: Annotated[int | None, FilterLookup("parent_id")] = None
    key_liaison: bool | None = None
    active: bool | None = None


class PostOut(Row):
    id: int
    unit_id: int
    kind: PostKind
    start: date
    end: date | None
    note: str


class PersonOut(Row):
    id: int
    name: str
    phone: str
    email: str
    unit_id: int
    position: str
    active: bool


class PersonDetail(PersonOut):
    posts: list[PostOut]


class PersonIn(Schema):
    name: str = Field(..., min_length=1, max_length=50)
    phone: str = Field("", max_length=30)
    email: str = Field("", max_length=254)
    unit_id: int
    position: str = Field("", max_length=60)
    active: bool = True


class PersonPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=50)
    phone: str | None = Field(None, max_length=30)
    email: str | None = Field(None, max_length=254)
    unit_id: int | None = None
    position: str | None = Field(None, max_length=60)
    active: bool | None = None


class PersonFilter(FilterSchema):
    q: Annotated[str | None, FilterLookup(["name__icontains", "phone__startswith", "position__icontains"])] = None
    unit: Annotated[int | None, FilterLookup("unit_id")] = None
    active: bool | None = None


class PostIn(Schema):
    kind: PostKind
    start: date | None = None
    unit_id: int | None = None
    note: str = Field("", max_length=200)


class PostEnd(Schema):
    end: date | None = None


def _unit_ref(unit_id: int, field: str) -> Unit:
    unit = Unit.objects.filter(pk=unit_id).first()
    if unit is None:
        raise ValidationFailed(_("Unknown unit %s.") % unit_id, fields={field: [_("Unknown unit.")]})
    return unit


def _with_refs(data: dict, ref_fields: dict[str, str]) -> dict:
    """Turn `<name>_id` keys of a payload into model objects for the services."""
    for key, name in ref_fields.items():
        if key in data:
            data[name] = _unit_ref(data.pop(key), key)
    return data


def _subtree(queryset, under: int | None, lookup: str):
    if under is None:
        return queryset
    unit = Unit.objects.filter(pk=under).first()
    if unit is None:
        raise ValidationFailed(_("Unknown unit %s.") % under, fields={"under": [_("Unknown unit.")]})
    return queryset.filter(**{lookup: unit.path})


@router.get("/units", response={200: list[UnitOut], **ERRORS})
@paginate(NumberedPagination)
def list_units(request, filters: Query[UnitFilter], under: int | None = None):
    """Every signed-in user may read the unit directory (单位名录)."""
    return rows_for(filters.filter(_subtree(Unit.objects.all(), under, "path__startswith")), UnitOut)


@router.get("/units/{unit_id}", response={200: UnitOut, **ERRORS})
def get_unit(request, unit_id: int):
    unit = Unit.objects.filter(pk=unit_id).first()
    if unit is None:
        raise NotFound(_("No such unit."))
    return unit


@router.post("/units", response={201: UnitOut, **ERRORS})
def create_unit(request, payload: UnitIn):
    data = _with_refs(payload.dict(), {"parent_id": "parent"})
    return Status(201, services.do_create_unit(request.user, **data))


@router.patch("/units/{unit_id}", response={200: UnitOut, **ERRORS})
def update_unit(request, unit_id: int, payload: UnitPatch):
    unit = get_unit(request, unit_id)
    data = _with_refs(payload.dict(exclude_unset=True), {"parent_id": "parent"})
    return services.do_update_unit(request.user, unit, **data)


@router.get("/people", response={200: list[PersonOut], **ERRORS})
@paginate(NumberedPagination)
def list_people(request, filters: Query[PersonFilter], under: int | None = None, post: PostKind | None = None):
    """People of the units the caller may see."""
    people = filters.filter(_subtree(scope(request.user, Person.objects.all()), under, "unit__path__startswith"))
    if post:
        people = people.filter(posts__in=Post.objects.current().filter(kind=post)).distinct()
    return rows_for(people, PersonOut)


@router.get("/people/{person_id}", response={200: PersonDetail, **ERRORS})
def get_person(request, person_id: int):
    person = get_scoped(request.user, Person.objects.prefetch_related("posts"), person_id)
    return PersonOut.model_validate(person).model_dump() | {"posts": list(person.posts.all())}


@router.post("/people", response={201: PersonOut, **ERRORS})
def create_person(request, payload: PersonIn):
    data = _with_refs(payload.dict(), {"unit_id": "unit"})
    return Status(201, services.do_create_person(request.user, **data))


@router.patch("/people/{person_id}", response={200: PersonOut, **ERRORS})
def update_person(request, person_id: int, payload: PersonPatch):
    person = get_scoped(request.user, Person.objects.all(), person_id)
    data = _with_refs(payload.dict(exclude_unset=True), {"unit_id": "unit"})
    return services.do_update_person(request.user, person, **data)


@router.post("/people/{person_id}/posts", response={201: PostOut, **ERRORS})
def assign_post(request, person_id: int, payload: PostIn):
    person = get_scoped(request.user, Person.objects.all(), person_id)
    data = _with_refs(payload.dict(), {"unit_id": "unit"}) if payload.unit_id else payload.dict(exclude={"unit_id"})
    return Status(201, services.do_assign_post(request.user, person, **data))


@router.post("/posts/{post_id}/end", response={200: PostOut, **ERRORS})
def end_post(request, post_id: int, payload: PostEnd):
    post = get_scoped(request.user, Post.objects.all(), post_id)
    return services.do_end_post(request.user, post, payload.end)
