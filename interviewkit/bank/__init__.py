"""The bank stage: reading the team's YAML safely, loading and checking it, the cache,
and what is said about a bank (lint, stats, schema, a starter role)."""
