"""The kit stage: kit.json, the views templates see, Jinja and WeasyPrint, and building
a candidate's kit into its folder."""
