"""Fixtures for registration tests."""

from tests.contest.contests.factories import fill_bank, make_contest  # noqa: F401
