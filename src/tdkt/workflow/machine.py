"""Declared state machines: each aggregate with states lists its transitions once, here in code.

A `StateMachine` names the model, its state field and enum, its history table and who may act; each
`Transition` says from which states to which state, which actor performs it, whether a reason is required,
what must hold before (`requires`) and whom it notifies (`notifies`). From the declaration come:

- the domain functions: `MACHINE.perform(obj, "submit", by=user, reason=…)` checks the actor, the reason and
  the requirements, then calls the one primitive (tdkt.workflow.primitive.change_state);
- the buttons a user sees (`MACHINE.allowed(user, obj)`, rendered by templates/workflow/actions.html);
- the JSON API's actions (tdkt.api.endpoints.actions lists and performs them by name);
- the transition tables of the docs (tdkt.workflow.docs, checked by a test).

Adding a transition is one `Transition(...)` in the aggregate's `transitions.py` (plus its translation).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from tdkt.workflow.primitive import change_state, change_states

# The actor name of transitions only the system performs (a sweep, another aggregate's transition).
SYSTEM = "system"


@dataclass(frozen=True)
class Notice:
    """A notification a transition sends: to `users`, with `text` and a link; with a `kind`
    (tdkt.notifications.models.NotificationKind) also an e-mail with `subject`, through the outbox."""

    users: Iterable
    text: str
    url: str = ""
    key: str = ""
    kind: str = ""
    subject: str = ""


@dataclass(frozen=True)
class Transition:
    name: str
    label: Any  # lazy translation
    sources: frozenset
    target: str | None  # None: the state stays (an assignment) or `target_for` decides (a release)
    actor: str  # a key of the machine's `actors`, or SYSTEM
    reason_required: bool = False
    requires: tuple[Callable[[Any], None], ...] = ()  # each raises ValidationError naming what is missing
    notifies: Callable[[Any, Transition], Iterable[Notice]] | None = None
    target_for: Callable[[Any], str] | None = None
    form_url: str = ""  # a page of its own (a form with more than a reason); else the generic action view
    danger: bool = False  # drawn as a red button
    description: Any = ""  # one line for the docs
    takes_reason: bool = True  # False: the confirm page asks nothing (receive, start appraisal…)
    reason_label: Any = ""  # the confirm page's label of the text field ("Reason" when empty)
    # How its button is drawn (tdkt.workflow.templatetags.workflow): a link to the confirm page by default;
    one_click: bool = False  # a one-click POST form (nothing asked)
    inline_reason: bool = False  # a POST form with the reason input inline
    post_url: str = ""  # URL name (pk) the form posts to when the app's view does more; else the action view
    button_id: str = ""  # the button's element id
    primary: bool = False  # drawn as the page's main button
    shown_if: Callable[[Any], bool] | None = None  # hide the button when this is false (the action stays)
    # Does an object in a source state wait for this actor ("Việc của tôi", tdkt.workflow.agenda)? False for
    # what one may do but nobody waits for: withdrawing, putting on hold, reassigning, cancelling; a set of
    # states: it waits only in those (a clerk's returned dossier waits for him, his draft in progress does not).
    waits: bool | frozenset = True
    # A step that cannot be undone (sending a dossier): what will happen, said on the confirm page under a
    # "cannot be undone" warning; such a step is never drawn as a one-click button.
    irreversible: Any = ""

    def __post_init__(self):
        object.__setattr__(self, "sources", frozenset(self.sources))
        if self.irreversible and (self.one_click or self.inline_reason):
            raise ValueError(f"{self.name}: an irreversible step goes through its confirm page")

    @property
    def waiting_sources(self) -> frozenset:
        """The source states in which an object waits for this transition's actor (none for SYSTEM)."""
        if self.actor == SYSTEM or self.waits is False:
            return frozenset()
        return self.sources if self.waits is True else self.sources & frozenset(self.waits)

    def target_of(self, obj, field_name: str = "state") -> str:
        if self.target is not None:
            return self.target
        if self.target_for is not None:
            return self.target_for(obj)
        return getattr(obj, field_name)


def transition(name, label, sources, target, actor, **options) -> Transition:
    return Transition(name=name, label=label, sources=frozenset(sources), target=target, actor=actor, **options)


@dataclass
class StateMachine:
    """One aggregate's states and transitions (see the module docstring)."""

    name: str  # "dossier": used in URLs, the API and the docs
    label: Any  # "hồ sơ" — the noun in messages
    model: Any
    states: Any  # the TextChoices
    history_model: Any
    history_owner: str  # the history model's foreign key to the aggregate
    actors: dict[str, Callable[[Any, Any], bool]]  # actor name -> may(user, obj)
    transitions: list[Transition] = field(default_factory=list)
    field_name: str = "state"
    initial: str = ""  # the state objects are created in
    timestamps: tuple[str, ...] = ()  # fields set to now at every transition
    get_for_user: Callable[..., Any] | None = None  # (user, pk, write=True) -> obj or Http404
    history_defaults: Callable[[Any], dict] | None = None  # extra history fields (kind, parent object…)
    audit_fields: bool = True  # copy the fields saved with the state into the audit row
    audit_exclude: frozenset = frozenset()  # …except these
    refused_message: Any = None  # "A %(noun)s that is “%(old)s” cannot become “%(new)s”."
    raced_message: Any = None
    forbidden_message: Any = None  # "You may not do this on this %(noun)s."
    docs: str = ""  # the doc (under docs/) that carries this machine's generated table
    handlers: dict[str, Callable] = field(default_factory=dict)  # transition name -> its domain function
    action_url: str = ""  # URL name (pk, name) of the machine's own confirm page; else workflow:act
    reason_params: dict[str, str | None] = field(default_factory=dict)  # handler's name for the reason text
    # Optional hooks of the home's agenda (tdkt.workflow.agenda); a machine without `visible_to` has none.
    visible_to: Callable[[Any], Any] | None = None  # user -> QuerySet of objects the user may see (prefetched)
    url_of: Callable[[Any], str] | None = None  # obj -> its page
    title_of: Callable[[Any], str] | None = None  # obj -> "số 12/HS – Đề nghị …"
    unit_of: Callable[[Any], str] | None = None  # obj -> the unit it concerns (a name)
    due_of: Callable[[Any], Any] | None = None  # obj -> the date its current step is due, or None
    # obj -> what the actor predicates read (e.g. the unit and the receiving side): objects with the same key
    # in the same state get the same buttons, so the predicates run once per key, not once per object.
    agenda_key: Callable[[Any], Any] | None = None
    # (obj, transition) -> the button's URL when the declared page is another side's (the consultation's answer:
    # its form_url is the standing body's paper answer, the agency answers on its own page); None: the default
    button_url_of: Callable[[Any, Any], str | None] | None = None

    def __post_init__(self):
        names = [t.name for t in self.transitions]
        if len(names) != len(set(names)):
            raise ValueError(f"{self.name}: a transition is declared twice")
        for item in self.transitions:
            if item.actor != SYSTEM and item.actor not in self.actors:
                raise ValueError(f"{self.name}.{item.name}: unknown actor {item.actor!r}")
        MACHINES[self.name] = self

    # --- reading the declaration -------------------------------------------------------------------------------

    def __getitem__(self, name: str) -> Transition:
        for item in self.transitions:
            if item.name == name:
                return item
        raise KeyError(f"{self.name} has no transition {name!r}")

    def state_label(self, value) -> str:
        try:
            return str(self.states(value).label)
        except ValueError:
            return value or "—"

    def state_of(self, obj) -> str:
        return getattr(obj, self.field_name)

    def sources_of(self, *names: str) -> frozenset:
        return frozenset().union(*(self[name].sources for name in names))

    def acts_as(self, user, obj, actor: str) -> bool:
        if actor == SYSTEM:
            return False
        return bool(getattr(user, "is_authenticated", False)) and self.actors[actor](user, obj)

    def may(self, user, obj, name: str) -> bool:
        item = self[name]
        return self.state_of(obj) in item.sources and self.acts_as(user, obj, item.actor)

    def allowed(self, user, obj) -> list[Transition]:
        """The transitions `user` may attempt on `obj` now, in declaration order (the buttons)."""
        state = self.state_of(obj)
        acts: dict[str, bool] = {}  # each actor asked once: a predicate may query (a leader, a delegation)
        return [item for item in self.transitions if state in item.sources and (
            acts[item.actor] if item.actor in acts else acts.setdefault(item.actor, self.acts_as(user, obj, item.actor)))]

    def implements(self, name: str, *, reason: str | None = "reason"):
        """Decorator: `fn(obj, *, by, reason="")` is the domain function that owns transition `name` (it
        checks the step's own rules, then calls `perform`). The generic page and the API call it through
        `run`; a transition without one is performed directly. `reason` names the function's parameter
        that takes the text typed on the confirm page (None: the function takes none)."""
        self[name]  # fails on a name that is not declared

        def register(function):
            self.handlers[name] = function
            self.reason_params[name] = reason
            return function
        return register

    def run(self, obj, name: str, *, by, reason: str = ""):
        """Entry point of the generated buttons and API actions: a user must be the transition's actor
        (a SYSTEM transition is never run from outside)."""
        item = self[name]
        if getattr(by, "is_authenticated", False) and not self.acts_as(by, obj, item.actor):
            message = self.forbidden_message or _("You may not do this on this %(noun)s.")
            raise PermissionDenied(message % {"noun": self.label})
        handler = self.handlers.get(name)
        if handler is not None:
            param = self.reason_params.get(name, "reason")
            return handler(obj, by=by, **({param: reason} if param else {}))
        if item.form_url:
            raise ValidationError(_("This action has a page of its own."))
        return self.perform(obj, name, by=by, reason=reason)

    # --- acting ------------------------------------------------------------------------------------------------

    def check_actor(self, obj, item: Transition, by) -> None:
        """A user must be the transition's actor; a command (by is a string) acts for the system. A SYSTEM
        transition is performed by another aggregate's step, which checked its own actor (`run` refuses
        it to everyone)."""
        if not getattr(by, "is_authenticated", False) or item.actor == SYSTEM:
            return
        if not self.acts_as(by, obj, item.actor):
            message = self.forbidden_message or _("You may not do this on this %(noun)s.")
            raise PermissionDenied(message % {"noun": self.label})

    def perform(self, obj, name: str, *, by, reason: str = "", extra: dict | None = None,
                history: dict | None = None, **fields):
        """Do transition `name` on `obj`: actor, reason and requirements checked, then the primitive."""
        item = self[name]
        self.check_actor(obj, item, by)
        reason = (reason or "").strip()
        if item.reason_required and not reason:
            raise ValidationError({"reason": _("Give the reason: the unit and the timeline keep it.")})
        for requirement in item.requires:
            requirement(obj)
        return change_state(self, obj, item.target_of(obj, self.field_name), by=by, allowed_from=item.sources, reason=reason,
                            transition=item, extra=extra, history=history, **fields)

    def perform_many(self, objs, name: str, *, by, reasons: dict | None = None, extras: dict | None = None,
                     fields: dict | None = None):
        """`perform` for a batch (the primitive's bulk form, change_states): the actor, each object's reason
        and the requirements are checked per object as `perform` does, then one conditional update moves all
        of them, or none. The actor check asks the same question for every object: the caller passes objects
        of one parent (a dossier's lines), so a scope cached per user keeps it free of queries."""
        item = self[name]
        reasons = {pk: (text or "").strip() for pk, text in (reasons or {}).items()}
        objs = list(objs)
        for obj in objs:
            self.check_actor(obj, item, by)
            if item.reason_required and not reasons.get(obj.pk):
                raise ValidationError({"reason": _("Give the reason: the unit and the timeline keep it.")})
            for requirement in item.requires:
                requirement(obj)
        targets = {item.target_of(obj, self.field_name) for obj in objs}
        if len(targets) > 1:
            raise ValueError(f"transition {name!r} leads the batch to several states: {sorted(targets)}")
        if not objs:
            return objs
        return change_states(self, objs, targets.pop(), by=by, allowed_from=item.sources, transition=item,
                             reasons=reasons, extras=extras, fields=fields)


MACHINES: dict[str, StateMachine] = {}


def machine(name: str) -> StateMachine:
    try:
        return MACHINES[name]
    except KeyError:
        raise LookupError(f"no state machine {name!r}") from None
