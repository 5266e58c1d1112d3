"""`{{ obj|state_tag }}`: an object's state as a coloured tag, the colour class derived from the state's value,
so that no list template picks colours by hand. `{{ value|state_tag:label }}` does the same for a bare value.

The tone groups the states of every machine by what they ask of the reader: `tone-idle` (not started, a
draft), `tone-wait` (with someone else, in progress), `tone-act` (needs fixing, late), `tone-done` (finished
well), `tone-stop` (refused, cancelled, failed). A state not listed is drawn neutral; the text always
carries the meaning, the colour only helps (WCAG 1.4.1)."""

from django import template
from django.utils.html import format_html

register = template.Library()

TONES = {
    "idle": ("draft", "new", "not_started", "planned", "queued", "created", "saved", "pending", "paper",
             "electronic"),
    "wait": ("submitted", "sent", "received", "open", "in_progress", "in_appraisal", "consultation",
             "public_posting", "under_review", "review", "reading", "running", "validating", "committing",
             "counting", "delivering", "assigned", "awaiting_approval", "ready_for_council", "council_voted",
             "approved_for_signing", "proposed", "held", "taking_part", "registered", "resent", "ready"),
    "act": ("returned", "needs_fix", "overdue", "late", "sent_late", "on_hold", "led_to_hold", "task_overdue",
            "unit_plan_missing", "registration_missing", "error"),
    "done": ("signed", "published", "closed", "committed", "decided", "answered", "done", "approved", "accepted",
             "awarded", "succeeded", "delivered", "validated", "read", "recognised", "evaluated", "considered",
             "reported", "minutes_locked"),
    "stop": ("rejected", "cancelled", "withdrawn", "failed", "dismissed", "discarded", "not_approved",
             "not_recognised"),
}
TONE_OF = {state: tone for tone, states in TONES.items() for state in states}


def tone(state) -> str:
    return TONE_OF.get(str(state), "idle")


@register.filter
def state_tag(obj, label=None):
    """`obj` with a `state` field (its display from get_state_display), or a bare state value and `label`."""
    if hasattr(obj, "get_state_display"):
        value, text = obj.state, obj.get_state_display()
    else:
        value, text = obj, label if label is not None else obj
    return format_html('<span class="tag tone-{} state-{}">{}</span>', tone(value), value, text)
