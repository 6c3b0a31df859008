"""Fixtures shared by the units tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def organiser(auth, make_user):
    """A logged-in organiser."""
    user = make_user(role="organiser")
    auth.login(user)
    return user
