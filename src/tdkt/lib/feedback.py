"""Telling the user what a domain function refused: each message of its ValidationError as an error message
on the next page (the views redirect after a POST)."""

from django.contrib import messages
from django.core.exceptions import ValidationError


def error_messages(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)
