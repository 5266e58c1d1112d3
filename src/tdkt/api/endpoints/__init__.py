"""Endpoint modules register themselves on tdkt.api.core.api when imported (see tdkt.api.urls)."""
