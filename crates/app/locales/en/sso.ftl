# Messages of the sso area.
