"""What a generated project carries: its record (``.cruft.json``), its private values, its origin."""
