"""Entrant sign-up for contests, invitation links and the organisers' registrations list."""
