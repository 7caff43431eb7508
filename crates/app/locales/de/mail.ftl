# Messages of the mail area.
