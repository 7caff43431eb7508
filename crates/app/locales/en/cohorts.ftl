# Messages of the cohorts area.
