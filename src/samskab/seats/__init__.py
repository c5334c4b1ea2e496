"""Pure algorithms for seats: d'Hondt with a recorded lot (later: fair selection, budgets).

Nothing here imports Django or another part of Samskab, so anyone can run and re-check them;
`make lint` enforces it.
"""
