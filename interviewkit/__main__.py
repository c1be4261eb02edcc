"""`python -m interviewkit`."""

from interviewkit.cli import main

main()
