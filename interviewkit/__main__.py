"""`python -m interviewkit`."""

from interviewkit.entry import main

main()
