"""Units (单位) as a tree, people (人员) and the posts they hold (岗位) over time."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import PostKind, UnitKind

PHONE_RE = re.compile(r"^[0-9+\-() ]{5,30}$")
# GB/T 2260: 6 digits for a county and above; 9 or 12 digits for townships and villages.
CODE_RE = re.compile(r"^(\d{6}|\d{9}|\d{12}|[0-9A-Z]{18})$")


def validate_phone(value: str):
    if value and not PHONE_RE.match(value):
        raise ValidationError(_("Enter a telephone number of digits, spaces, +, - or brackets."))


def validate_code(value: str):
    if value and not CODE_RE.match(value):
        raise ValidationError(
            _("A unit code is a 6, 9 or 12 digit division code (GB/T 2260) or an 18 character credit code.")
        )


class Unit(models.Model):
    """A unit in the instance's tree (单位): the government at the root, offices, townships, departments."""

    name = models.CharField(_("name"), max_length=100)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    code = models.CharField(_("code"), max_length=18, blank=True, validators=[validate_code], db_index=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name=_("parent unit")
    )
    # Materialised path of ids, "/1/4/17/": a subtree is one indexed prefix match.
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    depth = models.PositiveSmallIntegerField(editable=False, default=0)
    key_liaison = models.BooleanField(_("key liaison unit"), default=False)
    duty_phone = models.CharField(_("duty phone"), max_length=30, blank=True, validators=[validate_phone])
    address = models.CharField(_("address"), max_length=200, blank=True)
    lat = models.FloatField(
        _("latitude"), null=True, blank=True, validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    lon = models.FloatField(
        _("longitude"), null=True, blank=True, validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    active = models.BooleanField(_("active"), default=True)
    sort = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["path"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.UniqueConstraint(fields=["code"], condition=~Q(code=""), name="unit_code_unique"),
            models.UniqueConstraint(fields=["parent", "name"], name="unit_name_unique_under_parent"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if (self.lat is None) != (self.lon is None):
            raise ValidationError({"lat": _("Give both latitude and longitude, or neither.")})
        if self.parent_id and self.pk and self.parent.path.startswith(self.path or "/-/"):
            raise ValidationError({"parent": _("A unit cannot be placed under itself or its own sub-units.")})
        if self.parent_id is None and self.kind != UnitKind.GOVERNMENT:
            raise ValidationError({"parent": _("Only the government at the root of the tree has no parent unit.")})

    def is_within(self, other: "Unit") -> bool:
        """True when this unit is `other` or one of its sub-units."""
        return self.path.startswith(other.path)

    @property
    def ancestor_ids(self) -> list[int]:
        return [int(p) for p in self.path.strip("/").split("/") if p]


def signing_name(office: str) -> str:
    """An office's name as a document signs it. A name given by its level alone ("县人民政府办公室") is
    completed with the instance's own government, the root unit ("云溪县" + "人民政府办公室"); a full name is
    kept as it is."""
    root = Unit.objects.filter(parent__isnull=True).only("name", "short_name").first()
    own = (root.short_name or root.name) if root else ""
    if own and office.startswith(own[-1]) and not office.startswith(own):
        return own + office[1:]
    return office


class Person(models.Model):
    """A person known to the platform (人员), with or without a login."""

    name = models.CharField(_("name"), max_length=50)
    phone = models.CharField(_("mobile phone"), max_length=30, blank=True, validators=[validate_phone])
    email = models.EmailField(_("e-mail"), blank=True)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="people", verbose_name=_("unit"))
    position = models.CharField(_("position"), max_length=60, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["unit__path", "name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.name


class PostQuerySet(models.QuerySet):
    def current(self, on=None):
        from django.utils import timezone

        on = on or timezone.localdate()
        return self.filter(Q(start__lte=on), Q(end__isnull=True) | Q(end__gte=on))


class Post(models.Model):
    """A post a person holds in a unit for a period (岗位任职); ending it keeps the history."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="posts", verbose_name=_("person"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="posts", verbose_name=_("unit"))
    kind = models.CharField(_("post"), max_length=30, choices=PostKind.choices)
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["unit__path", "kind", "-start"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        indexes = [models.Index(fields=["unit", "kind", "end"])]

    def __str__(self):
        return f"{self.person} · {self.get_kind_display()}"

    def clean(self):
        if self.end and self.start and self.end < self.start:
            raise ValidationError({"end": _("A post cannot end before it starts.")})


class StaffingRule(models.Model):
    """Minimum information officers per unit kind (信息员配备要求), editable by administrators."""

    class Group(models.TextChoices):
        FULL = "full", _("full-time")
        PART = "part", _("part-time")
        ANY = "any", _("full- or part-time")

    unit_kind = models.CharField(_("unit kind"), max_length=20, choices=UnitKind.choices)
    group = models.CharField(_("officers counted"), max_length=4, choices=Group.choices)
    minimum = models.PositiveSmallIntegerField(_("minimum"))
    maximum = models.PositiveSmallIntegerField(_("maximum (empty: no limit)"), null=True, blank=True)

    class Meta:
        ordering = ["unit_kind", "group"]
        constraints = [models.UniqueConstraint(fields=["unit_kind", "group"], name="staffing_rule_unique")]
        verbose_name = _("staffing rule")
        verbose_name_plural = _("staffing rules")

    def __str__(self):
        upper = f"–{self.maximum}" if self.maximum is not None else "+"
        return f"{self.get_unit_kind_display()}: {self.get_group_display()} {self.minimum}{upper}"

    def clean(self):
        if self.maximum is not None and self.maximum < self.minimum:
            raise ValidationError({"maximum": _("The maximum cannot be below the minimum.")})
