"""The plan stage, pure functions over a loaded bank: filtering questions, drawing a
kit's questions, and how many different kits a role can give."""
