"""One workflow mechanism (流程): a declarative transition table per workflow object, and one function that
takes a transition — lock the row, check the actor and the current state, apply the change, audit it.

An app declares its table once (`Workflow([...Transition...])`); its `do_*` services stay the public entry points
and call `flow.take(...)`; the UI's buttons (`flow.available`) and the API's actions (`flow.run`) come from the
same table, so a state machine is written down exactly once."""

from dataclasses import dataclass
from typing import Any, Callable, Iterable

from django.utils.translation import gettext as _

from countydesk.accounts.scoping import has_perm, require
from countydesk.audit.services import record
from countydesk.base.errors import ServiceError, TransitionNotAllowed, ValidationFailed

Check = Callable[[Any, Any], None]  # (actor, obj) -> None; raises a ServiceError when the answer is no


@dataclass(frozen=True)
class Transition:
    """One arrow of a state machine.

    `name` is the verb (the API action and the button), `sources` the states it leaves from, `target` the state
    it reaches, `action` the audit action code. `perm` is the permission the actor needs; `check` refuses actors
    outside the object's scope (Forbidden/NotFound); `guard` refuses the object itself (e.g. an empty issue). A
    transition with a `label` is offered as a button and an API action; one without is taken by the platform only.
    `comment` names the free-text argument its service takes; `comment_required` makes the page ask for it.
    `when(obj)` limits the transition to some objects (e.g. emergency orders only): for others it does not exist."""

    name: str
    sources: frozenset
    target: str
    action: str
    perm: str | None = None
    check: Check | None = None
    guard: Check | None = None
    label: Any = ""
    comment: str | None = None
    comment_required: bool = False
    when: Callable[[Any], bool] | None = None

    def applies(self, obj, state: str) -> bool:
        return state in self.sources and (self.when is None or self.when(obj))


def step(name: str, sources: Iterable[str] | str, target: str, action: str, **options) -> Transition:
    """A Transition from one state or several."""
    sources = frozenset([sources] if isinstance(sources, str) else sources)
    return Transition(name, sources, target, action, **options)


class Workflow:
    """The transition table of one workflow object (its `field` holds the state; `states` lists them all).

    `check` applies to every transition (the object's scope); `unit` gives the unit its audit rows belong to."""

    def __init__(self, states, transitions: list[Transition], *, field: str = "status", check: Check | None = None,
                 unit: Callable[[Any], Any] | None = None):
        self.field, self.check, self.unit = field, check, unit
        self.transitions = {t.name: t for t in transitions}
        self.table = {str(s): set() for s in states}
        for t in transitions:
            for source in t.sources:
                self.table[source].add(t.target)
        self._entries: dict[str, Callable] = {}

    def next_states(self, state: str) -> set[str]:
        return self.table[state]

    def allowed(self, obj) -> set[str]:
        """The states `obj` may go to next (transitions limited by `when` counted only where they apply)."""
        state = getattr(obj, self.field)
        return {t.target for t in self.transitions.values() if t.applies(obj, state)}

    def towards(self, obj, target: str) -> Transition:
        """The people's transition taking `obj` to `target`, for APIs that name the next state, not the verb."""
        state = getattr(obj, self.field)
        for t in self.transitions.values():
            if t.label and t.target == target and t.applies(obj, state):
                return t
        raise TransitionNotAllowed(state, target, self.allowed(obj))

    def actions(self) -> list[str]:
        """The transitions people take (buttons and API actions), in table order."""
        return [name for name, t in self.transitions.items() if t.label]

    def get(self, name: str) -> Transition:
        """A transition people may ask for by name; unknown names are a clear error naming the known ones."""
        if name not in self.transitions or not self.transitions[name].label:
            raise ValidationFailed(_("Unknown action."), fields={"action": self.actions()})
        return self.transitions[name]

    def permitted(self, actor, obj, t: Transition) -> bool:
        if t.perm and not has_perm(actor, t.perm):
            return False
        try:
            for check in (self.check, t.check):
                if check:
                    check(actor, obj)
        except ServiceError:
            return False
        return True

    def available(self, actor, obj) -> list[Transition]:
        """The transitions `actor` may take on `obj` now: the buttons a page shows."""
        state = getattr(obj, self.field)
        return [t for t in self.transitions.values()
                if t.label and t.applies(obj, state) and self.permitted(actor, obj, t)]

    def entry(self, name: str):
        """Decorator: the `do_*` service that is the public entry point of transition `name`."""
        def register(fn):
            self._entries[name] = fn
            return fn
        return register

    def run(self, name: str, actor, obj, comment: str = ""):
        """Take the transition an API action or a button names, through its service."""
        t = self.get(name)
        return self._entries[name](actor, obj, **({t.comment: comment} if t.comment else {}))

    def take(self, actor, obj, name: str, *, changes: dict | None = None, prepare: Callable | None = None,
             track: tuple = (), audit: dict | None = None):
        """Take transition `name` on `obj` for `actor`, inside the caller's transaction.

        Checks the permission, locks the row (the object is refreshed in place), checks the scope and the current
        state (TransitionNotAllowed names the allowed next states), runs the guard, then sets the state and
        `changes` (plus what `prepare(obj)` returns, run after the checks), saves, and writes the audit row:
        before = the old state and `track` fields, after = the new state, the changes, `track` fields (+ `audit`)."""
        t = self.transitions[name]
        if t.perm:
            require(actor, t.perm)
        obj.refresh_from_db(from_queryset=type(obj)._default_manager.select_for_update())
        for check in (self.check, t.check):
            if check:
                check(actor, obj)
        current = getattr(obj, self.field)
        if not t.applies(obj, current):
            raise TransitionNotAllowed(current, t.target, self.allowed(obj))
        if t.guard:
            t.guard(actor, obj)
        old = {self.field: current} | {f: getattr(obj, f) for f in track}
        changes = dict(changes or {}) | ((prepare(obj) or {}) if prepare else {})
        setattr(obj, self.field, t.target)
        for key, value in changes.items():
            setattr(obj, key, value)
        obj.save()
        after = {self.field: t.target} | {f: getattr(obj, f) for f in track} | changes | (audit or {})
        record(actor, t.action, obj, before=old, after=after, unit=self.unit(obj) if self.unit else None)
        return obj
