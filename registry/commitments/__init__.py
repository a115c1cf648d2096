"""Commitments (acuerdos) of meetings and their small lifecycle: pending, met, cancelled."""
