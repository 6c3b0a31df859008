from tests.contest.judging.world import world  # noqa: F401
