"""Printed material for units: an invitation sheet per unit (PDF, A4 or A5) and their QR codes."""
