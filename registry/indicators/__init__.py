"""MIR indicators and their goals."""
