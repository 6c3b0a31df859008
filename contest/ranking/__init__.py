"""Ranking: individual and collective leaderboards, prediction truth and prize allocation.

Pure functions (tiebreak, individual, prediction, collective, prizes) define the rules;
queries.py feeds them with set-based SQL and services.py stores what must be stored.
"""
