"""Risk assessment: rule packs, the engine, and the counter-network. Pure Python, no Qt, no SQL."""
