"""Lan tỏa (bringing others in): a personal share link per entrant and contest, registrations
through it credited to them, a referral leaderboard per round."""
