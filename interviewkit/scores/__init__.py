"""The scores stage: reading filled scorecards back, and the debrief and calibration
made from them."""
