# Messages of the recruitment area.
